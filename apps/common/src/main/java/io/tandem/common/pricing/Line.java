package io.tandem.common.pricing;

/**
 * A cart line to price.
 *
 * @param productId catalog product id
 * @param quantity  units
 */
public record Line(String productId, int quantity) {
}
