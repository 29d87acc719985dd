package io.tandem.cluster.admission;

import java.util.function.LongSupplier;

/**
 * How fast the admission of new sessions may grow while the cluster is busy: in one second, at most {@code growth}
 * times the new-session calls let through in the second before (never fewer than {@code floor}). A new session is
 * admitted at its first call, but what it costs comes over the next seconds (items, address, place order, polls), and
 * the latency gate sees that cost only once it has slowed checkout work: with no bound on the rise, a gate that
 * opens lets a whole second of offered sessions in (3x the capacity under overload), and their checkouts then queue
 * on the CPU together (chaos overload: admitted place p99 up to 1.9 s at a 250 ms target). So while busy, new
 * sessions ramp up as TCP's slow start does, and the latency gate stops them where checkout work slows down.
 * Not busy (checkout work well under the target), nothing is paced: a quiet cluster's bursts all pass.
 */
final class NewSessionRamp {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final double growth;
    private final int floor;
    private final double busyMillis;
    private final LongSupplier nanoClock;
    private long second = Long.MIN_VALUE;
    private int thisSecond;
    private int lastSecond;

    /**
     * @param growth    the most one second's new sessions may be, as a multiple of the second before's (> 1)
     * @param floor      new sessions per second let through while busy, whatever the second before's
     * @param busyMillis checkout work's latency (as the gate reads it) from which the cluster is busy
     * @param nanoClock  the clock
     */
    NewSessionRamp(double growth, int floor, double busyMillis, LongSupplier nanoClock) {
        if (!(growth > 1) || floor < 1) {
            throw new IllegalArgumentException("new-session ramp: growth must be > 1 and floor >= 1, got " + growth
                    + " and " + floor);
        }
        this.growth = growth;
        this.floor = floor;
        this.busyMillis = busyMillis;
        this.nanoClock = nanoClock;
    }

    /**
     * Whether one more new session may start now; a session let through is counted.
     *
     * @param latencyMillis checkout work's latency now: busy from {@code busyMillis} on, and only then is the rise
     *                      bounded
     * @return true when admitted
     */
    synchronized boolean tryAdmit(long latencyMillis) {
        roll();
        if (latencyMillis >= busyMillis && thisSecond >= allowance()) {
            return false;
        }
        thisSecond++;
        return true;
    }

    /** New sessions one second may let through while busy. */
    synchronized int budget() {
        roll();
        return allowance();
    }

    private int allowance() {
        return (int) Math.max(floor, Math.ceil(lastSecond * growth));
    }

    private void roll() {
        long now = Math.floorDiv(nanoClock.getAsLong(), SECOND_NANOS);
        if (now != second) {
            // a gap of more than a second: the second before let nothing through
            lastSecond = now == second + 1 ? thisSecond : 0;
            thisSecond = 0;
            second = now;
        }
    }
}
