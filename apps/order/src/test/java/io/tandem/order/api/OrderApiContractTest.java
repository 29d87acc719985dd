package io.tandem.order.api;

import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.Api;
import io.tandem.common.testing.OpenApiContract;

import org.junit.jupiter.api.Test;

/** The order's OpenAPI document lists exactly the routes the service registers. */
class OrderApiContractTest {
    @Test
    void documentMatchesTheRoutes() {
        Api api = Api.builder("order").build();
        HttpRouting.builder().register(new OrderService(api, null, null, null, null, "a", null)).build();

        OpenApiContract.assertMatches("order", api.routes());
    }
}
