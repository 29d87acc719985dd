package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What one cluster's live requests did over the last few seconds: answers, failures, sheds and latencies, in a ring
 * of one-second buckets. Recording costs a few atomic adds and no allocation, so the request path can afford it;
 * a snapshot (taken once a second by the outlier detection) sums the buckets still inside the window.
 *
 * <p>New sessions are counted apart: those meant for this cluster, those the proxy refused itself, and those the
 * cluster shed. They feed {@link NewSessionThrottle}.
 */
public final class LiveWindow {
    /** Upper bounds of the latency buckets, in milliseconds; the last bucket is everything above. */
    static final long[] LATENCY_BOUNDS_MS = {5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000};
    private static final int ANSWERED = 0;
    private static final int FAILED = 1;
    private static final int SHED = 2;
    private static final int ATTEMPTS = 3;
    private static final int LOCAL_REJECTS = 4;
    private static final int NEW_SESSION_SHEDS = 5;
    private static final int HISTOGRAM = 6;
    private static final int SLOTS = HISTOGRAM + LATENCY_BOUNDS_MS.length + 1;
    private static final long BUCKET_NANOS = Duration.ofSeconds(1).toNanos();

    private final Bucket[] ring;
    private final LongSupplier nanoClock;

    /**
     * @param window    how far back a snapshot looks (rounded up to whole seconds)
     * @param nanoClock the clock, {@code System::nanoTime} outside tests
     */
    public LiveWindow(Duration window, LongSupplier nanoClock) {
        int seconds = (int) Math.max(1, (window.toMillis() + 999) / 1000);
        // One bucket more than the window: the current second is still filling.
        this.ring = new Bucket[seconds + 1];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket();
        }
        this.nanoClock = nanoClock;
    }

    /** A live request the cluster answered (any status but a shed or a failure status), after {@code nanos}. */
    public void answered(long nanos) {
        Bucket b = current();
        b.counts.incrementAndGet(ANSWERED);
        b.counts.incrementAndGet(HISTOGRAM + latencySlot(nanos));
    }

    /** A live request that failed: a failure status, a timeout, a refused or broken connection. */
    public void failed(long nanos) {
        Bucket b = current();
        b.counts.incrementAndGet(FAILED);
        b.counts.incrementAndGet(HISTOGRAM + latencySlot(nanos));
    }

    /** A live request the cluster shed on purpose (503 with Retry-After). */
    public void shed() {
        current().counts.incrementAndGet(SHED);
    }

    /** A new session was about to be sent here (whether or not the proxy then sent it). */
    public void newSessionAttempt() {
        current().counts.incrementAndGet(ATTEMPTS);
    }

    /** A new session meant for this cluster that the proxy refused itself (or sent elsewhere). */
    public void newSessionRejectedLocally() {
        current().counts.incrementAndGet(LOCAL_REJECTS);
    }

    /** A new session this cluster shed. */
    public void newSessionShed() {
        current().counts.incrementAndGet(NEW_SESSION_SHEDS);
    }

    /** Sums the buckets inside the window. */
    public Snapshot snapshot() {
        long[] sum = sum(0, SLOTS);
        long[] histogram = new long[LATENCY_BOUNDS_MS.length + 1];
        System.arraycopy(sum, HISTOGRAM, histogram, 0, histogram.length);
        return new Snapshot(sum[ANSWERED], sum[FAILED], sum[SHED],
                new NewSessions(sum[ATTEMPTS], sum[LOCAL_REJECTS], sum[NEW_SESSION_SHEDS]), histogram);
    }

    /** The new-session counts only: what the throttle reads for every new session, without the histogram. */
    public NewSessions newSessions() {
        long[] sum = sum(ATTEMPTS, NEW_SESSION_SHEDS + 1);
        return new NewSessions(sum[ATTEMPTS], sum[LOCAL_REJECTS], sum[NEW_SESSION_SHEDS]);
    }

    /** Sums slots [from, to) of the buckets inside the window (the rest of the array stays 0). */
    private long[] sum(int from, int to) {
        long second = nanoClock.getAsLong() / BUCKET_NANOS;
        long[] sum = new long[SLOTS];
        for (Bucket b : ring) {
            long age = second - b.second;
            if (age >= 0 && age < ring.length) {
                for (int i = from; i < to; i++) {
                    sum[i] += b.counts.get(i);
                }
            }
        }
        return sum;
    }

    private Bucket current() {
        long second = nanoClock.getAsLong() / BUCKET_NANOS;
        Bucket b = ring[(int) Math.floorMod(second, ring.length)];
        if (b.second != second) {
            synchronized (b) {
                if (b.second != second) {
                    for (int i = 0; i < SLOTS; i++) {
                        b.counts.set(i, 0);
                    }
                    b.second = second;
                }
            }
        }
        return b;
    }

    private static int latencySlot(long nanos) {
        long ms = nanos / 1_000_000;
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            if (ms <= LATENCY_BOUNDS_MS[i]) {
                return i;
            }
        }
        return LATENCY_BOUNDS_MS.length;
    }

    private static final class Bucket {
        private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
        private volatile long second = Long.MIN_VALUE;
    }

    /**
     * The window's sums.
     *
     * @param answered           requests answered
     * @param failed             requests failed (statuses that mean sickness, timeouts, connection failures)
     * @param shed               requests shed on purpose
     * @param newSessions        the new sessions meant for this cluster and what became of them
     * @param latencyHistogram   answered and failed requests by {@link #LATENCY_BOUNDS_MS}
     */
    public record Snapshot(long answered, long failed, long shed, NewSessions newSessions, long[] latencyHistogram) {
        /** Requests that reached a verdict (sheds apart). */
        public long requests() {
            return answered + failed;
        }

        /** Failed over answered and failed; 0 with no request. */
        public double errorRatio() {
            long n = requests();
            return n == 0 ? 0 : (double) failed / n;
        }

        /** Shed over everything the cluster was sent; 0 with no request. */
        public double shedRatio() {
            long n = requests() + shed;
            return n == 0 ? 0 : (double) shed / n;
        }

        /**
         * The latency under which a share of requests fell, as the upper bound of its bucket (the last bucket reads
         * as twice the largest bound).
         *
         * @param quantile 0..1, e.g. 0.99
         * @return milliseconds; 0 with no request
         */
        public long latencyMillis(double quantile) {
            long n = 0;
            for (long c : latencyHistogram) {
                n += c;
            }
            if (n == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(quantile * n);
            long seen = 0;
            for (int i = 0; i < latencyHistogram.length; i++) {
                seen += latencyHistogram[i];
                if (seen >= rank) {
                    return i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : 2 * LATENCY_BOUNDS_MS[i - 1];
                }
            }
            return 2 * LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
        }
    }

    /**
     * New sessions over the window.
     *
     * @param attempts     new sessions meant for this cluster
     * @param localRejects of those, the ones the proxy did not send here
     * @param sheds        of those sent, the ones the cluster shed
     */
    public record NewSessions(long attempts, long localRejects, long sheds) {
    }
}
