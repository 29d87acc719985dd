package io.tandem.order.domain;

/**
 * A line as placed.
 *
 * @param productId catalog product id
 * @param quantity  units, 1..{@link #MAX_QUANTITY}
 */
public record OrderLine(String productId, int quantity) {
    public static final int MAX_QUANTITY = 99;
}
