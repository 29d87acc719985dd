package io.tandem.common.pricing;

/**
 * A product as the catalog serves it.
 *
 * @param productId  id
 * @param name       display name
 * @param priceCents unit price in minor units
 * @param currency   ISO 4217
 * @param stock      units available, as the catalog shows them from the stock service; {@link #STOCK_UNKNOWN} when
 *                   it could not say (the stock service down): a cart opens, the order's reservation decides
 */
public record Product(String productId, String name, long priceCents, String currency, int stock) {
    /** Stock the catalog could not tell: treated as enough for a cart (orders hold stock for real). */
    public static final int STOCK_UNKNOWN = Integer.MAX_VALUE;
}
