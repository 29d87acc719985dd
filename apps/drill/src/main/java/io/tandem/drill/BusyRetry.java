package io.tandem.drill;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The drill as a good client of a busy platform: an answer 503 with {@code Retry-After} is sent again (same
 * Idempotency-Key) after the time it asked for plus jitter, so refused clients do not come back in step, a bounded
 * number of times; then the last answer stands. Which of those answers are shedding (a refusal, counted apart from
 * failures) and which are outages (STORE_UNAVAILABLE...) is {@link #shed}'s call.
 */
final class BusyRetry {
    /** Tries in all (the first and two retries): enough to ride out a spike, few enough not to pile on. */
    static final int DEFAULT_ATTEMPTS = 3;
    /** Up to this share of the asked wait is added at random. */
    static final double DEFAULT_JITTER = 0.5;
    /** A wait asked for above this is not waited: the client gives up at once (a shopper would not wait longer). */
    static final long DEFAULT_MAX_WAIT_SECONDS = 5;
    /** Codes of a platform that sheds load: the cluster's admission control, the proxy when both clusters shed. */
    static final Set<String> SHED_CODES = Set.of("CLUSTER_BUSY", "OVERLOADED");

    private final int attempts;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(long millis);
    }

    BusyRetry(int attempts, Sleeper sleeper) {
        this.attempts = attempts;
        this.sleeper = sleeper;
    }

    static BusyRetry standard() {
        return new BusyRetry(DEFAULT_ATTEMPTS, BusyRetry::sleep);
    }

    /** Calls until the answer is not "busy, retry after", or the attempts are spent. */
    Shop.Answer call(Supplier<Shop.Answer> call) {
        Shop.Answer answer = call.get();
        for (int attempt = 1; attempt < attempts && retryable(answer); attempt++) {
            long base = answer.retryAfterSeconds() * 1000;
            sleeper.sleep(base + (long) (base * DEFAULT_JITTER * ThreadLocalRandom.current().nextDouble()));
            answer = call.get();
        }
        return answer;
    }

    /** 503 that says when to come back, within what a client waits. */
    static boolean retryable(Shop.Answer answer) {
        return answer.status() == 503 && answer.retryAfterSeconds() >= 0
                && answer.retryAfterSeconds() <= DEFAULT_MAX_WAIT_SECONDS;
    }

    /** A refusal of a platform that sheds load (not an outage, not a failure). */
    static boolean shed(Shop.Answer answer) {
        return answer.status() == 503 && SHED_CODES.contains(answer.code());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
