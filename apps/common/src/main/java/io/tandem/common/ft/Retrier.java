package io.tandem.common.ft;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs a call again on the failures a caller says are worth retrying, waiting per a {@link Backoff} between
 * attempts (never before the first). Only for calls that are safe to repeat. The wait goes through a
 * {@link Sleeper} and the jitter through a random source, so tests can see every wait without timing anything.
 */
public final class Retrier {
    private final Backoff backoff;
    private final Predicate<RuntimeException> retryable;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** How a wait is spent: {@link Thread#sleep(Duration)} outside tests. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = Thread::sleep;

        void sleep(Duration wait) throws InterruptedException;
    }

    public Retrier(Backoff backoff, Predicate<RuntimeException> retryable) {
        this(backoff, retryable, Sleeper.THREAD, null);
    }

    /**
     * @param random the jitter's source; {@code null} for the calling thread's {@link ThreadLocalRandom}
     *               (a shared seeded generator would be contended by every caller)
     */
    public Retrier(Backoff backoff, Predicate<RuntimeException> retryable, Sleeper sleeper, RandomGenerator random) {
        this.backoff = backoff;
        this.retryable = retryable;
        this.sleeper = sleeper;
        this.random = random;
    }

    public Backoff backoff() {
        return backoff;
    }

    /**
     * @return the first successful result
     * @throws RuntimeException the last failure: one not worth retrying, or the last attempt's, or the one
     *                          before an interrupted wait (the interrupt is kept)
     */
    public <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!retryable.test(e) || !backoff.allowsAfter(attempt)) {
                    throw e;
                }
                try {
                    sleeper.sleep(backoff.delayBefore(attempt + 1, random == null ? ThreadLocalRandom.current() : random));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
