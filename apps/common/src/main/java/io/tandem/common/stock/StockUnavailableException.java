package io.tandem.common.stock;

/**
 * The stock service did not answer, answered a 5xx or garbage, or its breaker is open: nothing is known about
 * the call's effect, and every stock call is idempotent by order number, so the caller retries it later.
 */
public final class StockUnavailableException extends RuntimeException {
    public StockUnavailableException(String message) {
        super(message, null, false, false);
    }
}
