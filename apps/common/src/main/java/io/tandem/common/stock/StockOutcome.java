package io.tandem.common.stock;

/**
 * What the stock service answered about one order's reservation. The first four are states of the reservation
 * (a 200); the others are refusals (409/404/422) the caller acts on. "Unavailable" is not here: it is a
 * {@link StockUnavailableException}, to retry.
 */
public enum StockOutcome {
    /** The lines are held until {@code expiresAt}. */
    HELD,
    /** The hold became a sale. */
    COMMITTED,
    /** Given back (or a tombstone: released before it was ever reserved). */
    RELEASED,
    /** Never committed in time: its stock went back. */
    EXPIRED,
    /** A line is short: {@link StockAnswer#productId()} names it. Nothing was held. */
    OUT_OF_STOCK,
    /** A line names a product the stock service does not know. Nothing was held. */
    UNKNOWN_PRODUCT,
    /** The order was released (compensated) before: it never holds again. */
    RESERVATION_RELEASED,
    /** Release of a reservation that was already committed: a sale is not undone here. */
    RESERVATION_COMMITTED,
    /** Commit of a hold that expired, whose stock is gone meanwhile: {@link StockAnswer#productId()} names it. */
    HOLD_EXPIRED,
    /** A reserve with other lines than the order already holds (a reservation is keyed by its order). */
    RESERVATION_MISMATCH,
    /** Commit or read of an order that has no reservation. */
    NOT_FOUND
}
