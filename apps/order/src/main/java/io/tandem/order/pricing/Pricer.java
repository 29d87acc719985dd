package io.tandem.order.pricing;

import java.util.List;

import io.tandem.order.domain.OrderLine;
import io.tandem.order.domain.PricedOrder;

/**
 * Prices an order: list prices and stock from catalog, discounts from offers unless the kill switch is on.
 * Throws {@link io.tandem.order.domain.StepFailure} for what retrying cannot fix (an unknown
 * product) and any other exception when a retry may help (catalog down).
 */
public interface Pricer {
    PricedOrder price(List<OrderLine> lines, String userId);
}
