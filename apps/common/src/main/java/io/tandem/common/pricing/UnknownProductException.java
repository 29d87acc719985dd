package io.tandem.common.pricing;

import java.util.List;

/**
 * Ids the catalog does not know: nothing with them can be priced, and asking again will not help. Thrown by
 * {@link PricingClient}; each caller says it in its own terms (the cart's API: 422 {@code UNKNOWN_PRODUCT}; an order:
 * FAILED {@code UNKNOWN_PRODUCT}). Carries no stack trace: it is an answer, not a bug.
 */
public final class UnknownProductException extends RuntimeException {
    private final List<String> productIds;

    public UnknownProductException(List<String> productIds) {
        super("productId: no such product " + String.join(", ", productIds) + ".", null, false, false);
        this.productIds = List.copyOf(productIds);
    }

    /** The ids the catalog does not know. */
    public List<String> productIds() {
        return productIds;
    }
}
