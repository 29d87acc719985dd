package io.tandem.order.api;

import java.io.StringReader;

import java.util.List;

import io.tandem.common.api.ApiException;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderLine;
import io.tandem.order.domain.PricedOrder;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class PlaceOrderRequestTest {
    private static final String OK = "\"cartId\":\"a-x\",\"addressId\":\"ad-1\",\"cardToken\":\"tok_visa\"";

    @Test
    void aRequestNamesItsCartAddressCardAndTheAcceptedTotal() {
        PlaceOrderRequest request = parse("{" + OK + ",\"expectedTotalCents\":1999}");
        assertThat(request, is(new PlaceOrderRequest("a-x", "ad-1", "tok_visa", 1999)));
        assertThat(request.toJson().toString(), containsString("\"expectedTotalCents\":1999"));
    }

    @Test
    void linesAreRefusedWithTheReason() {
        assertBad("{\"lines\":[{\"productId\":\"P1\",\"quantity\":2}]," + OK + ",\"expectedTotalCents\":1}",
                "lines");
        try {
            parse("{\"lines\":[]," + OK + ",\"expectedTotalCents\":1}");
        } catch (ApiException e) {
            assertThat(e.error().message(), containsString("from its cart"));
        }
    }

    @Test
    void everyBadFieldIsNamed() {
        assertBad("{\"addressId\":\"a\",\"cardToken\":\"t\",\"expectedTotalCents\":1}", "cartId");
        assertBad("{\"cartId\":\"<x>\",\"addressId\":\"a\",\"cardToken\":\"t\",\"expectedTotalCents\":1}", "cartId");
        assertBad("{\"cartId\":\"a-x\",\"cardToken\":\"t\",\"expectedTotalCents\":1}", "addressId");
        assertBad("{\"cartId\":\"a-x\",\"addressId\":\"a\",\"cardToken\":5,\"expectedTotalCents\":1}", "cardToken");
        assertBad("{" + OK + "}", "expectedTotalCents");
        assertBad("{" + OK + ",\"expectedTotalCents\":-1}", "expectedTotalCents");
        assertBad("{" + OK + ",\"expectedTotalCents\":1.5}", "expectedTotalCents");
        assertBad("{" + OK + ",\"expectedTotalCents\":\"10\"}", "expectedTotalCents");
        assertBad("{" + OK + ",\"expectedTotalCents\":99999999999999999999}", "expectedTotalCents");
        assertBad("{" + OK + ",\"expectedTotalCents\":1,\"discount\":5}", "discount");
    }

    @Test
    void theStoredCheckoutRoundTripsAndOldRowsStillRead() {
        CheckoutOrder checkout = new CheckoutOrder("a-x", List.of(new OrderLine("P1", 2)),
                Json.createObjectBuilder().add("addressId", "ad-1").add("city", "Berlin").build(), "tok_visa", 1999L,
                1_767_225_600_000L);
        assertThat(CheckoutOrder.fromJson(checkout.toJson().toString()), is(checkout));
        assertThat(CheckoutOrder.fromJson(checkout.toJson().toString()).sessionStartedAt(), is(1_767_225_600_000L));
        assertThat(checkout.addressId(), is("ad-1"));
        CheckoutOrder old = CheckoutOrder.fromJson("{\"lines\":[{\"productId\":\"P1\",\"quantity\":1}],"
                + "\"addressId\":\"ad-1\",\"cardToken\":\"tok_visa\"}");
        assertThat(old.expectedTotalCents() == null && old.address() == null && old.cartId() == null
                && old.sessionStartedAt() == null, is(true));
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
