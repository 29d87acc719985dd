package io.tandem.order.api;

import java.util.Set;
import java.util.regex.Pattern;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Fields;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * What a client places: {@code {"cartId":"a-...","addressId":"...","cardToken":"tok_visa","expectedTotalCents":1999}}.
 * The lines are the cart's: a request that still sends {@code lines} is told so. {@code expectedTotalCents} is the
 * cart's {@code price.totalCents} the shopper was shown; an order priced to another total ends {@code PRICE_CHANGED}.
 */
public record PlaceOrderRequest(String cartId, String addressId, String cardToken, long expectedTotalCents) {
    /** A total above this (500 lines' worth of the dearest product, rounded up) is not a real cart's. */
    public static final long MAX_TOTAL_CENTS = 1_000_000_000L;
    static final Set<String> FIELDS = Set.of("cartId", "addressId", "cardToken", "expectedTotalCents");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    static PlaceOrderRequest parse(JsonObject body) {
        if (body.containsKey("lines")) {
            throw ApiException.badField("lines", "not accepted: an order takes its lines from its cart; send cartId"
                    + " (the checkout cart of this session) and leave lines out");
        }
        Fields.onlyKnown(body, FIELDS);
        String cartId = id(body, "cartId");
        String addressId = id(body, "addressId");
        String cardToken = id(body, "cardToken");
        if (!(body.get("expectedTotalCents") instanceof JsonNumber total) || !total.isIntegral()
                || total.bigIntegerValue().signum() < 0
                || total.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_TOTAL_CENTS)) > 0) {
            throw ApiException.badField("expectedTotalCents", "the cart's price.totalCents the shopper accepted,"
                    + " a whole number 0.." + MAX_TOTAL_CENTS);
        }
        return new PlaceOrderRequest(cartId, addressId, cardToken, total.longValue());
    }

    /** The request as the idempotency fingerprint sees it: the same four fields, in one order. */
    JsonObject toJson() {
        return Jsons.JSON.createObjectBuilder().add("cartId", cartId).add("addressId", addressId)
                .add("cardToken", cardToken).add("expectedTotalCents", expectedTotalCents).build();
    }

    private static String id(JsonObject body, String field) {
        if (!(body.get(field) instanceof JsonString s) || !ID.matcher(s.getString()).matches()) {
            throw ApiException.badField(field, "1..64 characters of A-Z a-z 0-9 _ . : -");
        }
        return s.getString();
    }
}
