package io.tandem.order.domain;

import java.io.StringReader;
import java.util.List;


import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * What an order is the checkout of, bound when it is placed and stored with it ({@code orders.request_json}): the
 * cart's lines (never the client's), a copy of the shipping address (a later edit of the address does not move the
 * order), the card, and the total the shopper accepted (the price step refuses any other).
 *
 * @param cartId             the checkout cart the order was placed from
 * @param lines              the cart's lines, one per product
 * @param address            the address as it was when the order was placed (the address API's JSON)
 * @param cardToken          the payment provider's card token
 * @param expectedTotalCents the total the shopper saw and accepted; null only for orders stored before it existed
 * @param sessionStartedAt   epoch millis the checkout session started (its cart was made and its session key issued,
 *                           {@code CheckoutCart.createdAt}): time to checkout counts from here; null for orders
 *                           stored before it was kept
 */
public record CheckoutOrder(String cartId, List<OrderLine> lines, JsonObject address, String cardToken,
                            Long expectedTotalCents, Long sessionStartedAt) {

    /** An order whose session start is not known. */
    public CheckoutOrder(String cartId, List<OrderLine> lines, JsonObject address, String cardToken,
                         Long expectedTotalCents) {
        this(cartId, lines, address, cardToken, expectedTotalCents, null);
    }

    public String addressId() {
        return address == null ? null : address.getString("addressId", null);
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        lines.forEach(l -> array.add(Jsons.JSON.createObjectBuilder().add("productId", l.productId()).add("quantity", l.quantity())));
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder().add("cartId", cartId).add("lines", array)
                .add("address", address).add("cardToken", cardToken);
        if (expectedTotalCents != null) {
            json.add("expectedTotalCents", expectedTotalCents);
        }
        if (sessionStartedAt != null) {
            json.add("sessionStartedAt", sessionStartedAt);
        }
        return json.build();
    }

    /**
     * Reads what {@link #toJson()} stored (tolerates rows stored before carts were bound: no address, no total, no
     * session start).
     */
    public static CheckoutOrder fromJson(String text) {
        JsonObject json = Jsons.JSON.createReader(new StringReader(text)).readObject();
        List<OrderLine> lines = json.getJsonArray("lines").stream().map(JsonValue::asJsonObject)
                .map(l -> new OrderLine(l.getString("productId"), l.getInt("quantity"))).toList();
        JsonObject address = json.get("address") instanceof JsonObject a ? a : null;
        Long expected = json.get("expectedTotalCents") instanceof JsonNumber n ? n.longValue() : null;
        Long sessionStart = json.get("sessionStartedAt") instanceof JsonNumber s ? s.longValue() : null;
        return new CheckoutOrder(json.getString("cartId", null), lines, address, json.getString("cardToken"), expected,
                sessionStart);
    }
}
