package io.tandem.order.number;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the node ids of one cluster's order processes are leased (the order database: {@link DbNodeLeases}). Every
 * judgement of expiry is the store's, on the store's own clock, so the clocks of the processes never meet; each
 * process judges its own lease only by its monotonic clock ({@link NodeLease}). A lease is named by a token that is
 * new at every acquisition, so a holder that lost a node id can never act on a later lease of the same id.
 */
public interface NodeLeases {
    /** A node id taken, and its high-water mark as it stood then. */
    record Taken(int node, long mark) {
    }

    /**
     * Takes a node id whose lease has expired or was released: {@code preferred} when it is free, else the lowest
     * free one. Atomic: two callers never take the same id.
     *
     * @return the id taken, or empty when all are held
     */
    Optional<Taken> acquire(String cluster, String token, int preferred, Duration ttl);

    /** Extends a lease that is still this token's and not expired; false when it is not (lost). */
    boolean renew(String cluster, int node, String token, Duration ttl);

    /** Frees the id now, if this token still holds it. */
    void release(String cluster, int node, String token);

    /**
     * Raises the node's high-water mark, only while this token holds an unexpired lease on it: the fence that keeps a
     * holder that lost its lease (and does not know it yet) from issuing numbers above what the next holder read.
     *
     * @return false when the lease is not this token's any more (nothing stored)
     */
    boolean storeMark(String cluster, int node, String token, long mark);
}
