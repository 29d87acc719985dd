package io.tandem.payment.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.json.JsonObject;

/**
 * The simulated provider's books: every charge and refund it really made, and the answer it gave for each
 * idempotency key, so a repeated request gets the first answer and never a second charge (like a real PSP).
 */
final class Ledger {
    /** An answer as sent: status code and JSON body. */
    record Answer(int status, JsonObject body) {
    }

    private record Remembered(String requestFingerprint, Answer answer) {
    }

    /** A charge that moved money, or a refund of one. */
    record Entry(String id, String kind, String reference, String chargeId, long amount, String currency, String card) {
    }

    private final Map<String, Remembered> byKey = new ConcurrentHashMap<>();
    private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    /** Counts an attempt of a key and answers how many there were, this one included. */
    int attempt(String key) {
        requests.incrementAndGet();
        return attemptsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The remembered answer for {@code key} or, the first time, the answer {@code action} makes (which may
     * book an entry). Requests with the same key wait for each other; the same key with another request is
     * answered {@code null} (a clash the caller reports).
     */
    Answer once(String key, String fingerprint, Supplier<Answer> action, boolean rememberAnswer) {
        synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
            Remembered remembered = byKey.get(key);
            if (remembered != null) {
                return remembered.requestFingerprint().equals(fingerprint) ? remembered.answer() : null;
            }
            Answer answer = action.get();
            if (rememberAnswer && answer.status() < 500) {
                byKey.put(key, new Remembered(fingerprint, answer));
            }
            return answer;
        }
    }

    Entry book(String kind, String reference, String chargeId, long amount, String currency, String card) {
        String id = (kind.equals("charge") ? "ch_" : "re_") + UUID.randomUUID().toString().replace("-", "");
        Entry entry = new Entry(id, kind, reference, chargeId, amount, currency, card);
        entries.put(id, entry);
        return entry;
    }

    Entry entry(String id) {
        return entries.get(id);
    }

    List<Entry> byReference(String reference) {
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (reference.equals(e.reference())) {
                found.add(e);
            }
        }
        return found;
    }

    long refundedAmount(String chargeId) {
        return entries.values().stream()
                .filter(e -> e.kind().equals("refund") && chargeId.equals(e.chargeId()))
                .mapToLong(Entry::amount).sum();
    }

    long requests() {
        return requests.get();
    }

    long count(String kind) {
        return entries.values().stream().filter(e -> e.kind().equals(kind)).count();
    }
}
