package io.tandem.order.number;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Makes order numbers for one node of one cluster with no coordination with anyone: the cluster and node
 * bits keep generators apart, and a logical clock keeps one generator's numbers strictly increasing.
 *
 * <p>The logical clock never goes back: when the wall clock is behind it (a step back, or more than
 * {@value OrderNumber#MAX_SEQUENCE}+1 numbers in a millisecond) it stays where it is and moves forward one
 * millisecond each time the sequence is used up. Before the logical clock passes the stored
 * {@link HighWaterMark}, the mark is moved a lease ahead and stored, so a new generator (after a restart)
 * starts above anything issued before, whatever the wall clock says. The mark is read at the first number (a store
 * that is down then fails that number, and the next one tries again). Thread-safe.
 */
public final class OrderNumberGenerator implements OrderNumbers {
    /** How far ahead the mark is stored: one store per lease of logical time. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(1);

    private final int cluster;
    private final int node;
    private final LongSupplier wallClock;
    private final HighWaterMark mark;
    private final long leaseMillis;
    private long logicalMillis;
    private int sequence;
    private long reservedUntil;
    private boolean resumed;

    private OrderNumberGenerator(int cluster, int node, LongSupplier wallClock, HighWaterMark mark, Duration lease) {
        if (node < 0 || node > OrderNumber.MAX_NODE) {
            throw new IllegalArgumentException("node must be 0.." + OrderNumber.MAX_NODE + ": " + node);
        }
        this.cluster = cluster;
        this.node = node;
        this.wallClock = wallClock;
        this.mark = mark;
        this.leaseMillis = Math.max(1, lease.toMillis());
    }

    /**
     * Reads the stored mark at the first number, not at construction: a cluster must start (and serve carts) while
     * its order database is down; placing an order needs that database anyway.
     */
    private void resume() {
        reservedUntil = mark.load();
        // Start past everything that may have been issued: the next number lands at reservedUntil + 1 or later.
        logicalMillis = reservedUntil;
        sequence = OrderNumber.MAX_SEQUENCE;
        resumed = true;
    }

    /**
     * A generator for a cluster and node that resumes from a stored mark.
     *
     * @param clusterName "a" or "b"
     * @param node        0..127, unique among the order-service nodes of the cluster
     * @param wallClock   epoch milliseconds (System::currentTimeMillis in production)
     * @param mark        the durable high-water mark of this cluster and node
     * @param lease       how far ahead the mark is stored
     */
    public static OrderNumberGenerator create(String clusterName, int node, LongSupplier wallClock,
                                              HighWaterMark mark, Duration lease) {
        return new OrderNumberGenerator(OrderNumber.clusterIndex(clusterName), node, wallClock, mark, lease);
    }

    public static OrderNumberGenerator create(String clusterName, int node, HighWaterMark mark) {
        return create(clusterName, node, System::currentTimeMillis, mark, DEFAULT_LEASE);
    }

    /** The next order number, greater than every number this generator, or any before it on the same mark, issued. */
    public synchronized OrderNumber next() {
        if (!resumed) {
            resume();
        }
        long now = wallClock.getAsLong() - OrderNumber.EPOCH;
        if (now > logicalMillis) {
            logicalMillis = now;
            sequence = 0;
        } else if (sequence < OrderNumber.MAX_SEQUENCE) {
            sequence++;
        } else {
            logicalMillis++;
            sequence = 0;
        }
        if (logicalMillis > reservedUntil) {
            long newMark = logicalMillis + leaseMillis;
            mark.store(newMark);
            reservedUntil = newMark;
        }
        return OrderNumber.compose(logicalMillis, cluster, node, sequence);
    }
}
