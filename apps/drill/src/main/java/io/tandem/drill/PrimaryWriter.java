package io.tandem.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Primary-only writes through the proxy at a steady pace, alternating an address and an ATC line, each by a new user
 * of its own: what was acknowledged (and when) is what region-a-lost checks on the promoted database (RPO), and the
 * first acknowledgement after a kill is when writes were back (RTO).
 */
final class PrimaryWriter {
    /** One acknowledged write: an address id, or {@code user/product} of an ATC line. */
    record Ack(long atMillis, boolean address, String key) {
    }

    /**
     * One attempt: when it was sent, whether it was acknowledged (2xx), and whether it was refused for where it went
     * (no answer, 5xx, 421 misdirected); a business refusal (422 out of stock) is an answer, not an outage.
     */
    record Attempt(long atMillis, boolean ok, boolean refused, String code) {
    }

    private final Shop shop;
    private final String userPrefix;
    private final Duration every;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;
    private Thread thread;

    PrimaryWriter(Env env, String userPrefix, Duration every) {
        this.shop = new Shop(env.get("proxy.url"), Jwt.of(env));
        this.userPrefix = userPrefix;
        this.every = every;
    }

    PrimaryWriter start() {
        thread = Thread.ofVirtual().name("primary-writer").start(() -> {
            while (running) {
                write();
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    void stop() {
        running = false;
        try {
            thread.join(Shop.REQUEST_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String userPrefix() {
        return userPrefix;
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Epoch millis of the first acknowledged write sent after {@code from}, waiting up to {@code limit}; -1 if none. */
    long firstAckAfter(long from, Duration limit) {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (true) {
            for (Attempt a : attempts) {
                if (a.atMillis() >= from && a.ok()) {
                    return a.atMillis();
                }
            }
            if (System.currentTimeMillis() > deadline) {
                return -1;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** Milliseconds in [from, to) covered by refused attempts: from a refused one to the next acknowledged one. */
    long refusedBetween(long from, long to) {
        return refused(attempts, from, to);
    }

    static long refused(List<Attempt> attempts, long from, long to) {
        long refused = 0;
        long refusedSince = -1;
        for (Attempt a : attempts) {
            if (a.atMillis() < from || a.atMillis() >= to) {
                continue;
            }
            if (a.refused() && refusedSince < 0) {
                refusedSince = a.atMillis();
            } else if (!a.refused() && refusedSince >= 0) {
                refused += a.atMillis() - refusedSince;
                refusedSince = -1;
            }
        }
        return refusedSince >= 0 ? refused + (to - refusedSince) : refused;
    }

    String summary() {
        List<Attempt> all = new ArrayList<>(attempts);
        long ok = all.stream().filter(Attempt::ok).count();
        return all.size() + " writes, " + ok + " acknowledged, not acknowledged " + all.stream().filter(a -> !a.ok())
                .collect(java.util.stream.Collectors.groupingBy(Attempt::code, java.util.stream.Collectors.counting()));
    }

    private void write() {
        int n = next.incrementAndGet();
        String user = userPrefix + n;
        Shop.Caller caller = shop.caller(user);
        long at = System.currentTimeMillis();
        Shop.Answer answer;
        boolean address = n % 2 == 1;
        String key;
        if (address) {
            answer = caller.call("POST", "/v1/addresses", Json.createObjectBuilder().add("recipient", "Region Drill")
                    .add("line1", "Teststrasse 1").add("city", "Berlin").add("postcode", "10115").add("country", "DE")
                    .add("phone", "+4930123456").build(), null, java.util.UUID.randomUUID().toString());
            key = answer.ok() ? answer.body().getString("addressId", "") : null;
        } else {
            // Products 1..20 of the seeded catalog: only the write matters here, not the stock.
            String product = String.format("P%05d", 1 + n % 20);
            JsonObject line = Json.createObjectBuilder().add("productId", product).add("quantity", 1).build();
            answer = caller.call("POST", "/v1/carts/me/items", line, null, java.util.UUID.randomUUID().toString());
            key = user + "/" + product;
        }
        boolean refused = answer.status() == 0 || answer.status() >= 500 || answer.status() == 421;
        attempts.add(new Attempt(at, answer.ok(), refused, answer.ok() ? "" : answer.status() + " " + answer.code()));
        if (answer.ok()) {
            acks.add(new Ack(at, address, key));
        }
    }
}
