package io.tandem.stock;

import java.util.List;

import io.tandem.common.stock.StockLine;

/**
 * One order's reservation as stored.
 *
 * @param orderNumber the order (the key of every write)
 * @param status      HELD, COMMITTED, RELEASED, EXPIRED
 * @param lines       held lines, by product id (empty for a tombstone)
 * @param expiresAt   epoch millis when a HELD reservation gives its stock back, else null
 */
record Reservation(String orderNumber, String status, List<StockLine> lines, Long expiresAt) {
    static final String HELD = "HELD";
    static final String COMMITTED = "COMMITTED";
    static final String RELEASED = "RELEASED";
    static final String EXPIRED = "EXPIRED";
}
