package io.tandem.common.checkout;

import java.io.StringReader;
import java.util.List;

import io.tandem.common.pricing.Line;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A cart in checkout, kept in this cluster's Redis for the session: a buy-now cart, or a snapshot of an ATC cart
 * taken at checkout. Stored as JSON under {@code cart:checkout:<cartId>} with the cart TTL by the cart service;
 * the order service reads it from there when the cart is ordered (this record is the contract between the two).
 *
 * @param cartId      {@code <cluster>-<random>}
 * @param kind        {@code BUY_NOW} or {@code ATC}
 * @param userId      owner
 * @param cluster     the cluster that holds it (and that the session key names)
 * @param sessionId   the id part of the session key issued with it
 * @param lines       products and quantities
 * @param createdAt   epoch millis
 * @param expiresAt   epoch millis
 */
public record CheckoutCart(String cartId, String kind, String userId, String cluster, String sessionId, List<Line> lines,
                    long createdAt, long expiresAt) {
    public static final String KEY_PREFIX = "cart:checkout:";

    public JsonObject toJson() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        lines.forEach(line -> items.add(Jsons.JSON.createObjectBuilder()
                .add("productId", line.productId()).add("quantity", line.quantity())));
        return Jsons.JSON.createObjectBuilder()
                .add("cartId", cartId).add("kind", kind).add("userId", userId).add("cluster", cluster)
                .add("sessionId", sessionId).add("lines", items)
                .add("createdAt", createdAt).add("expiresAt", expiresAt).build();
    }

    public static CheckoutCart fromJson(String text) {
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            List<Line> lines = json.getJsonArray("lines").stream().map(v -> v.asJsonObject())
                    .map(o -> new Line(o.getString("productId"), o.getInt("quantity"))).toList();
            return new CheckoutCart(json.getString("cartId"), json.getString("kind"), json.getString("userId"),
                    json.getString("cluster"), json.getString("sessionId"), lines,
                    json.getJsonNumber("createdAt").longValue(), json.getJsonNumber("expiresAt").longValue());
        }
    }

    /** The cluster a cart id names ({@code <cluster>-<random>}), or empty for an id of another shape. */
    public static java.util.Optional<String> clusterOf(String cartId) {
        int dash = cartId.indexOf('-');
        return dash > 0 ? java.util.Optional.of(cartId.substring(0, dash)) : java.util.Optional.empty();
    }

    /** The cart has expired (Redis drops it at its TTL; this covers the moment in between). */
    public boolean expired(long nowMillis) {
        return nowMillis >= expiresAt;
    }
}
