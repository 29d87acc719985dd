package io.tandem.order.api;

import java.io.StringReader;

import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderRecord;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** An order as clients see it. */
final class OrderJson {
    private OrderJson() {
    }

    static JsonObject summary(OrderRecord o) {
        return base(o).build();
    }

    static JsonObject detail(OrderRecord o) {
        JsonObjectBuilder json = base(o);
        CheckoutOrder checkout = CheckoutOrder.fromJson(o.requestJson());
        if (o.pricingJson() != null) {
            JsonObject pricing = Jsons.JSON.createReader(new StringReader(o.pricingJson())).readObject();
            json.add("lines", pricing.getJsonArray("lines")).add("discountStatus", pricing.getString("discountStatus"));
        } else {
            json.add("lines", checkout.toJson().getJsonArray("lines"));
        }
        if (checkout.cartId() != null) {
            json.add("cartId", checkout.cartId());
        }
        if (checkout.address() != null) {
            json.add("shippingAddress", checkout.address());
        }
        if (checkout.expectedTotalCents() != null) {
            json.add("acceptedTotalCents", checkout.expectedTotalCents());
        }
        return json.build();
    }

    private static JsonObjectBuilder base(OrderRecord o) {
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder()
                .add("orderNumber", o.orderNumber())
                .add("cluster", o.cluster())
                .add("status", o.status().name())
                .add("createdAt", o.createdAt())
                .add("updatedAt", o.updatedAt())
                .add("links", Jsons.JSON.createObjectBuilder().add("self", "/v1/orders/" + o.orderNumber()));
        if (o.totalCents() != null) {
            json.add("totalCents", o.totalCents()).add("currency", o.currency());
        }
        if (o.confirmedAt() != null) {
            json.add("confirmedAt", o.confirmedAt());
        }
        if (o.failureCode() != null) {
            json.add("failure", Jsons.JSON.createObjectBuilder().add("code", o.failureCode())
                    .add("message", o.failureMessage()).add("hint", o.failureHint()).add("step", o.failedStep()));
        }
        return json;
    }
}
