package io.tandem.common.pricing;

/**
 * A discount as the offers service serves it.
 *
 * @param offerId    id
 * @param productId  the product it applies to
 * @param percentOff whole percent, 1..90
 */
public record Offer(String offerId, String productId, int percentOff) {
}
