package io.tandem.common.stock;

/**
 * One line to hold.
 *
 * @param productId product
 * @param quantity  units, at least 1
 */
public record StockLine(String productId, int quantity) {
}
