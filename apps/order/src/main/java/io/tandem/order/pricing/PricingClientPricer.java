package io.tandem.order.pricing;

import java.util.List;

import io.tandem.common.pricing.Line;
import io.tandem.common.pricing.PricedCart;
import io.tandem.common.pricing.PricingClient;
import io.tandem.common.pricing.UnknownProductException;
import io.tandem.order.domain.OrderLine;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;

/**
 * Prices an order with the {@link PricingClient} the cart uses, so an order sees the same prices, the same
 * kill switch and the same breakers (config {@code ft.catalog}, {@code ft.offers}): offers slow or its breaker
 * open, the order goes on without discount at once; catalog failing, an exception the saga retries later.
 * An unknown product is the one answer retrying cannot fix.
 */
public final class PricingClientPricer implements Pricer {
    private final PricingClient client;

    public PricingClientPricer(PricingClient client) {
        this.client = client;
    }

    @Override
    public PricedOrder price(List<OrderLine> lines, String userId) {
        PricedCart cart;
        try {
            cart = client.price(lines.stream().map(l -> new Line(l.productId(), l.quantity())).toList(), userId);
        } catch (UnknownProductException e) {
            throw new StepFailure("UNKNOWN_PRODUCT", e.getMessage(), "remove this item from the order");
        }
        return new PricedOrder(cart.lines().stream()
                .map(l -> new PricedOrder.Line(l.productId(), l.name(), l.quantity(), l.unitPriceCents(), l.percentOff(),
                        l.stock()))
                .toList(), cart.currency(), cart.discountStatus().name());
    }
}
