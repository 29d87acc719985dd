package io.tandem.common.stock;

/**
 * One product's stock as the stock service counts it.
 *
 * @param productId id
 * @param available units that can still be held (neither held nor sold)
 * @param held      units held by reservations not yet committed
 * @param sold      units committed
 */
public record StockLevel(String productId, int available, int held, int sold) {
}
