package io.tandem.cluster.admission;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The mean latency of the requests that ended over the last {@code window}, in a ring of buckets (a quarter of the
 * window each), so old samples leave by time: a window with no sample at all has a mean of 0, and a gate shut by
 * slowness opens again once the slow requests are done and nothing new has come in.
 */
final class RecentLatency {
    private static final int BUCKETS = 4;

    private final long bucketNanos;
    private final LongSupplier nanoClock;
    private final long[] sums = new long[BUCKETS];
    private final long[] counts = new long[BUCKETS];
    private final long[] starts = new long[BUCKETS];

    RecentLatency(long windowNanos, LongSupplier nanoClock) {
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        this.nanoClock = nanoClock;
        Arrays.fill(starts, Long.MIN_VALUE);
    }

    synchronized void record(long latencyNanos) {
        long now = nanoClock.getAsLong();
        long start = now - Math.floorMod(now, bucketNanos);
        int i = (int) Math.floorMod(Math.floorDiv(now, bucketNanos), (long) BUCKETS);
        if (starts[i] != start) {
            starts[i] = start;
            sums[i] = 0;
            counts[i] = 0;
        }
        sums[i] += latencyNanos;
        counts[i]++;
    }

    /** The mean over the window in milliseconds, 0 without samples. */
    synchronized long meanMillis() {
        long now = nanoClock.getAsLong();
        long oldest = now - Math.floorMod(now, bucketNanos) - (BUCKETS - 1) * bucketNanos;
        long sum = 0;
        long count = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (starts[i] != Long.MIN_VALUE && starts[i] >= oldest) {
                sum += sums[i];
                count += counts[i];
            }
        }
        return count == 0 ? 0 : sum / count / 1_000_000;
    }
}
