package io.tandem.order.sagas.placeorder;

import java.io.StringReader;
import java.sql.PreparedStatement;

import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.outbox.Outbox;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.store.Transactions;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** PAID to CONFIRMED and the {@code order.confirmed} outbox row, in one transaction: both or neither. */
final class ConfirmStep {
    private final Transactions transactions;

    ConfirmStep(Transactions transactions) {
        this.transactions = transactions;
    }

    /** @return true when this call confirmed the order, false when it was not PAID any more */
    boolean confirm(OrderRecord order) {
        return transactions.inTransaction(c -> {
            long now = System.currentTimeMillis();
            int changed;
            try (PreparedStatement update = c.prepareStatement("UPDATE orders SET status = 'CONFIRMED',"
                    + " confirmed_at = ?, updated_at = ? WHERE order_number = ? AND status = 'PAID'")) {
                update.setLong(1, now);
                update.setLong(2, now);
                update.setString(3, order.orderNumber());
                changed = update.executeUpdate();
            }
            if (changed == 1) {
                Outbox.add(c, order.cluster(), Outbox.ORDER_CONFIRMED, order.orderNumber(), event(order, now).toString(), now);
            }
            return changed == 1;
        });
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
