package io.tandem.drill;

import java.util.List;
import java.util.Map;

/**
 * What one step of the checkout bench measured: sessions offered at a rate for a time, how many ended CONFIRMED,
 * latencies as the shop saw them, and the CPU milliseconds each process of the environment used from the step's
 * start until its last session ended.
 *
 * @param rate        sessions/s the step offered
 * @param seconds     how long sessions were started
 * @param wallMillis  from the first session's start to the last one's end (the CPU window)
 * @param offered     sessions the step tried to start (started + shed by the load's in-flight bound)
 * @param confirmed   sessions that ended with a CONFIRMED order
 * @param placeMicros every {@code POST /v1/orders} answered (status 1..499)
 * @param orderMicros place to CONFIRMED/FAILED as polled (250 ms poll interval: that is its resolution)
 * @param cpuMillis   CPU ms per process over the window
 */
record BenchStep(double rate, long seconds, long wallMillis, long offered, long confirmed, List<Long> placeMicros,
                 List<Long> orderMicros, Map<String, Long> cpuMillis) {
    /** Below this share of sessions confirmed (percent) a step is past capacity. */
    static final double CAPACITY_CONFIRMED_PERCENT = 99;
    /** At or above this place p99 (ms) a step is past capacity. */
    static final double CAPACITY_PLACE_P99_MS = 500;

    double confirmedPercent() {
        return offered == 0 ? 0 : 100.0 * confirmed / offered;
    }

    double placeP99() {
        return Percentiles.of(placeMicros, 99);
    }

    boolean withinCapacity() {
        return confirmed > 0 && confirmedPercent() >= CAPACITY_CONFIRMED_PERCENT && placeP99() < CAPACITY_PLACE_P99_MS;
    }

    long cpuTotal() {
        return cpuMillis.values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU ms of the whole environment per confirmed checkout. */
    double cpuPerCheckout() {
        return confirmed == 0 ? Double.NaN : (double) cpuTotal() / confirmed;
    }

    /** The same less what the environment burns idle over the window (idle cores x wall time). */
    double cpuPerCheckoutAboveIdle(double idleCores) {
        return confirmed == 0 ? Double.NaN : (cpuTotal() - idleCores * wallMillis) / confirmed;
    }
}
