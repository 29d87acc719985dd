package io.tandem.order.sagas.placeorder;

import java.io.StringReader;

import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderRepository;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** PAID to CONFIRMED and the {@code order.confirmed} outbox row, in one transaction of the repository: both or neither. */
final class ConfirmStep {
    private final OrderRepository orders;

    ConfirmStep(OrderRepository orders) {
        this.orders = orders;
    }

    /** @return true when this call confirmed the order, false when it was not PAID any more */
    boolean confirm(OrderRecord order) {
        long now = System.currentTimeMillis();
        return orders.confirm(order.orderNumber(), order.cluster(), event(order, now).toString(), now);
    }

    private static JsonObject event(OrderRecord order, long confirmedAt) {
        JsonObject pricing = Jsons.JSON.createReader(new StringReader(order.pricingJson())).readObject();
        JsonObjectBuilder event = Jsons.JSON.createObjectBuilder()
                .add("type", "order.confirmed")
                .add("orderNumber", order.orderNumber())
                .add("cluster", order.cluster())
                .add("userId", order.userId())
                .add("totalCents", order.totalCents())
                .add("currency", order.currency())
                .add("paymentId", order.paymentId())
                .add("lines", pricing.getJsonArray("lines"));
        CheckoutOrder checkout = CheckoutOrder.fromJson(order.requestJson());
        if (checkout.cartId() != null) {
            event.add("cartId", checkout.cartId());
        }
        if (checkout.address() != null) {
            event.add("shippingAddress", checkout.address());
        }
        return event.add("confirmedAt", confirmedAt).build();
    }
}
