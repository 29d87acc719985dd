package io.tandem.order.number;

/**
 * Where a generator keeps, durably, the highest time (ms since {@link OrderNumber#EPOCH}) it may have used.
 * A generator stores a mark before it issues any number past it, so a restart, even with the clock stepped
 * back, begins above every number issued before.
 */
public interface HighWaterMark {
    /** The stored mark, or -1 when nothing was ever stored. */
    long load();

    /** Stores the mark durably before returning. */
    void store(long mark);
}
