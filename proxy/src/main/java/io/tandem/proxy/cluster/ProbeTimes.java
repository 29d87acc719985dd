package io.tandem.proxy.cluster;

/** The last three readiness probe times of a cluster; their median ignores one slow probe (a GC pause). */
public final class ProbeTimes {
    private final long[] last = {-1, -1, -1};
    private int next;

    /** Records one probe; a probe that timed out counts as the timeout. */
    synchronized void record(long millis) {
        last[next] = millis;
        next = (next + 1) % last.length;
    }

    /** The median of the last three, or -1 before three probes. */
    public synchronized long medianMillis() {
        long a = last[0];
        long b = last[1];
        long c = last[2];
        if (a < 0 || b < 0 || c < 0) {
            return -1;
        }
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
