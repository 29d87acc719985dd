package io.tandem.order.api;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tandem.order.pricing.OrderLine;
import io.tandem.common.api.ApiException;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What a client places: {@code {"lines":[{"productId":"P00001","quantity":2}], "addressId":"...",
 * "cardToken":"tok_visa", "cartId":"optional"}}. Lines of the same product are added up.
 */
public record PlaceOrderRequest(List<OrderLine> lines, String addressId, String cardToken, String cartId) {
    public static final int MAX_LINES = 50;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    static PlaceOrderRequest parse(JsonObject body) {
        if (!(body.get("lines") instanceof jakarta.json.JsonArray array) || array.isEmpty()) {
            throw ApiException.badField("lines", "a non-empty list of {productId, quantity}");
        }
        if (array.size() > MAX_LINES) {
            throw ApiException.badField("lines", "at most " + MAX_LINES);
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "lines[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badField(field, "must be an object");
            }
            JsonObject line = array.getJsonObject(i);
            String productId = id(line, "productId", field + ".productId");
            if (!(line.get("quantity") instanceof JsonNumber q) || !q.isIntegral()
                    || q.bigIntegerValue().compareTo(java.math.BigInteger.ONE) < 0
                    || q.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(OrderLine.MAX_QUANTITY)) > 0) {
                throw ApiException.badField(field + ".quantity", "a whole number 1.." + OrderLine.MAX_QUANTITY);
            }
            int total = quantities.merge(productId, q.intValue(), Integer::sum);
            if (total > OrderLine.MAX_QUANTITY) {
                throw ApiException.badField(field + ".quantity", "at most " + OrderLine.MAX_QUANTITY + " of a product");
            }
        }
        List<OrderLine> lines = quantities.entrySet().stream().map(e -> new OrderLine(e.getKey(), e.getValue())).toList();
        String cartId = body.containsKey("cartId") ? id(body, "cartId", "cartId") : null;
        return new PlaceOrderRequest(lines, id(body, "addressId", "addressId"), id(body, "cardToken", "cardToken"), cartId);
    }

    public static PlaceOrderRequest fromJson(String text) {
        return parse(Json.createReader(new StringReader(text)).readObject());
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        lines.forEach(l -> array.add(Json.createObjectBuilder().add("productId", l.productId()).add("quantity", l.quantity())));
        var json = Json.createObjectBuilder().add("lines", array).add("addressId", addressId).add("cardToken", cardToken);
        if (cartId != null) {
            json.add("cartId", cartId);
        }
        return json.build();
    }

    private static String id(JsonObject body, String key, String field) {
        if (!(body.get(key) instanceof JsonString s) || !ID.matcher(s.getString()).matches()) {
            throw ApiException.badField(field, "1..64 characters of A-Z a-z 0-9 _ . : -");
        }
        return s.getString();
    }
}
