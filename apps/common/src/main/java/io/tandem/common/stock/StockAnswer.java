package io.tandem.common.stock;

import java.time.Instant;

/**
 * The stock service's answer about one order.
 *
 * @param outcome   the state or the refusal
 * @param productId the product a refusal names (OUT_OF_STOCK, UNKNOWN_PRODUCT, HOLD_EXPIRED), else null
 * @param message   the service's message, for people
 * @param expiresAt when a HELD reservation gives its stock back, else null
 */
public record StockAnswer(StockOutcome outcome, String productId, String message, Instant expiresAt) {
}
