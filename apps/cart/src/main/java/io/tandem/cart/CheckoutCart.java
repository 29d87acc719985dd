package io.tandem.cart;

import java.io.StringReader;
import java.util.List;

import io.tandem.common.pricing.Line;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A cart in checkout, kept in this cluster's Redis for the session: a buy-now cart, or a snapshot of an ATC cart
 * taken at checkout. Stored as JSON under {@code cart:checkout:<cartId>} with the cart TTL; order reads it from
 * there (the format below is the contract).
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
record CheckoutCart(String cartId, String kind, String userId, String cluster, String sessionId, List<Line> lines,
                    long createdAt, long expiresAt) {
    static final String KEY_PREFIX = "cart:checkout:";

    JsonObject toJson() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        lines.forEach(line -> items.add(Json.createObjectBuilder()
                .add("productId", line.productId()).add("quantity", line.quantity())));
        return Json.createObjectBuilder()
                .add("cartId", cartId).add("kind", kind).add("userId", userId).add("cluster", cluster)
                .add("sessionId", sessionId).add("lines", items)
                .add("createdAt", createdAt).add("expiresAt", expiresAt).build();
    }

    static CheckoutCart fromJson(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            List<Line> lines = json.getJsonArray("lines").stream().map(v -> v.asJsonObject())
                    .map(o -> new Line(o.getString("productId"), o.getInt("quantity"))).toList();
            return new CheckoutCart(json.getString("cartId"), json.getString("kind"), json.getString("userId"),
                    json.getString("cluster"), json.getString("sessionId"), lines,
                    json.getJsonNumber("createdAt").longValue(), json.getJsonNumber("expiresAt").longValue());
        }
    }
}
