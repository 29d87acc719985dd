package io.tandem.drill;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts checkout sessions at a fixed rate on virtual threads, at most {@code maxInFlight} at once (a session that
 * cannot start is counted as shed, never queued): bounded by rate, duration and count.
 */
public final class Load implements AutoCloseable {
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final long DEFAULT_POLL_TIMEOUT_MS = 30_000;

    private final Shop shop;
    private final Recorder recorder;
    private final String userPrefix;
    private final int maxSessions;
    private final Semaphore inFlight;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger shed = new AtomicInteger();
    private final long pollTimeoutMs;

    public Load(Shop shop, Recorder recorder, String userPrefix, int maxSessions, int maxInFlight, long pollTimeoutMs) {
        this.shop = shop;
        this.recorder = recorder;
        this.userPrefix = userPrefix;
        this.maxSessions = maxSessions;
        this.inFlight = new Semaphore(maxInFlight);
        this.pollTimeoutMs = pollTimeoutMs;
    }

    /** Starts sessions at {@code perSecond} for {@code duration} (or until the session budget is spent). */
    public void run(double perSecond, Duration duration) {
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        while (System.nanoTime() < end && started.get() < maxSessions) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            next += intervalNanos;
            if (!inFlight.tryAcquire()) {
                shed.incrementAndGet();
                continue;
            }
            int n = started.incrementAndGet();
            String kind = CheckoutSession.pickKind(ThreadLocalRandom.current().nextDouble());
            CheckoutSession session = new CheckoutSession(shop.caller(userPrefix + n), recorder, kind, pollTimeoutMs);
            threads.submit(() -> {
                try {
                    session.run();
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    public int started() {
        return started.get();
    }

    public int shed() {
        return shed.get();
    }

    /** Waits for running sessions to end (each ends by itself within its poll timeout). */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(pollTimeoutMs + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
