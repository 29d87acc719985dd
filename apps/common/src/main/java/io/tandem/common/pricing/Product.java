package io.tandem.common.pricing;

/**
 * A product as the catalog serves it.
 *
 * @param productId  id
 * @param name       display name
 * @param priceCents unit price in minor units
 * @param currency   ISO 4217
 * @param stock      units available
 */
public record Product(String productId, String name, long priceCents, String currency, int stock) {
}
