package io.tandem.cluster.admission;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A quantile of the latency of the requests that ended over the last {@code window}, from a ring of time buckets (a
 * quarter of the window each) of power-of-two latency bins, so old samples leave by time: a window with fewer than
 * {@code minSamples} samples reads 0, and a gate shut by slowness opens again once the slow requests are done and
 * nothing new has come in. A quantile, not the mean, and only over enough samples: a few requests slow for their own
 * reasons (a client trickling its body in holds its slot for as long as it likes) must not shut new sessions out for
 * everyone; a cluster that makes its shoppers wait does so at its tail, which a median hides (chaos overload: a median
 * of 250 ms never shut while admitted place orders had a p99 near 1 s).
 */
final class RecentLatency {
    private static final int BUCKETS = 4;
    /** Bin i holds latencies under 2^i ms (bin 0: under 1 ms); the last bin holds everything above. */
    private static final int BINS = 18;

    private final long bucketNanos;
    private final LongSupplier nanoClock;
    private final long[][] bins = new long[BUCKETS][BINS];
    private final long[] starts = new long[BUCKETS];

    private final double quantile;
    private final long minSamples;

    RecentLatency(long windowNanos, double quantile, long minSamples, LongSupplier nanoClock) {
        if (!(quantile > 0 && quantile <= 1) || minSamples < 1) {
            throw new IllegalArgumentException("quantile must be in (0, 1] and minSamples >= 1, got " + quantile
                    + " and " + minSamples);
        }
        this.quantile = quantile;
        this.minSamples = minSamples;
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
            Arrays.fill(bins[i], 0);
        }
        bins[i][bin(latencyNanos / 1_000_000)]++;
    }

    /**
     * The quantile over the window in milliseconds, at power-of-two resolution: the lower bound of its bin (300 ms reads
     * 256), 0 with fewer than the minimum samples.
     */
    synchronized long millis() {
        long now = nanoClock.getAsLong();
        long oldest = now - Math.floorMod(now, bucketNanos) - (BUCKETS - 1) * bucketNanos;
        long[] merged = new long[BINS];
        long count = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (starts[i] != Long.MIN_VALUE && starts[i] >= oldest) {
                for (int b = 0; b < BINS; b++) {
                    merged[b] += bins[i][b];
                    count += bins[i][b];
                }
            }
        }
        if (count < minSamples) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += merged[b];
            if (seen >= rank) {
                return lowerBound(b);
            }
        }
        return lowerBound(BINS - 1);
    }

    private static long lowerBound(int bin) {
        return bin == 0 ? 0 : 1L << (bin - 1);
    }

    private static int bin(long millis) {
        if (millis <= 0) {
            return 0;
        }
        return Math.min(BINS - 1, 64 - Long.numberOfLeadingZeros(millis));
    }
}
