package io.tandem.order.api;

import java.io.StringReader;

import io.tandem.common.api.ApiException;
import io.tandem.order.pricing.OrderLine;
import io.tandem.order.pricing.PricedOrder;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class PlaceOrderRequestTest {
    @Test
    void linesOfOneProductAreAddedUpAndTheRequestRoundTrips() {
        PlaceOrderRequest request = parse("{\"lines\":[{\"productId\":\"P1\",\"quantity\":2},"
                + "{\"productId\":\"P2\",\"quantity\":1},{\"productId\":\"P1\",\"quantity\":3}],"
                + "\"addressId\":\"a-1\",\"cardToken\":\"tok_visa\"}");
        assertThat(request.lines().size(), is(2));
        assertThat(request.lines().get(0), is(new OrderLine("P1", 5)));
        assertThat(PlaceOrderRequest.fromJson(request.toJson().toString()), is(request));
    }

    @Test
    void everyBadFieldIsNamed() {
        assertBad("{\"addressId\":\"a\",\"cardToken\":\"t\"}", "lines");
        assertBad("{\"lines\":[],\"addressId\":\"a\",\"cardToken\":\"t\"}", "lines");
        assertBad("{\"lines\":[7],\"addressId\":\"a\",\"cardToken\":\"t\"}", "lines[0]");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":0}],\"addressId\":\"a\",\"cardToken\":\"t\"}",
                "lines[0].quantity");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":1.5}],\"addressId\":\"a\",\"cardToken\":\"t\"}",
                "lines[0].quantity");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":99999999999999999999}],\"addressId\":\"a\","
                + "\"cardToken\":\"t\"}", "lines[0].quantity");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":60},{\"productId\":\"P1\",\"quantity\":60}],"
                + "\"addressId\":\"a\",\"cardToken\":\"t\"}", "lines[1].quantity");
        assertBad("{\"lines\":[{\"productId\":\"<script>\",\"quantity\":1}],\"addressId\":\"a\",\"cardToken\":\"t\"}",
                "lines[0].productId");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":1}],\"cardToken\":\"t\"}", "addressId");
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":1}],\"addressId\":\"a\",\"cardToken\":5}", "cardToken");
    }

    @Test
    void pricedOrderKeepsItsNumbersThroughStorage() {
        PricedOrder priced = new PricedOrder(java.util.List.of(new PricedOrder.Line("P1", "Lamp", 3, 1000, 10, 7)),
                "EUR", "APPLIED");
        PricedOrder back = PricedOrder.fromJson(priced.toJson().toString());
        assertThat(back, is(priced));
        assertThat(back.totalCents(), is(2700L));
    }

    private static PlaceOrderRequest parse(String json) {
        return PlaceOrderRequest.parse(Json.createReader(new StringReader(json)).readObject());
    }

    private static void assertBad(String json, String field) {
        try {
            parse(json);
            throw new AssertionError("accepted: " + json);
        } catch (ApiException e) {
            assertThat(e.status().code(), is(400));
            assertThat(e.error().message(), containsString(field + ":"));
        }
    }
}
