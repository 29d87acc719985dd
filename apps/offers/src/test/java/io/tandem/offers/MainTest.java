package io.tandem.offers;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.Api;
import io.tandem.common.api.RouteTable;
import io.tandem.common.testing.OpenApiContract;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@ServerTest
class MainTest {
    private static final RouteTable ROUTES = new RouteTable();
    private final Http1Client client;

    MainTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        io.tandem.common.api.AdminAuth.of(io.tandem.common.testing.TestIdentity.ADMIN_TOKEN).register(routing);
        Main.routing(routing, Offers.seed(Offers.DEFAULT_PRODUCTS), Api.builder("offers").routeTable(ROUTES).build());
    }

    @Test
    void offersForProducts() {
        String body = client.get("/v1/offers").queryParam("productIds", "P00004,P00005,P00020").requestEntity(String.class);
        assertThat(body, containsString("\"productId\":\"P00004\""));
        assertThat(body, containsString("\"offerId\":\"O00020B\""));
        assertThat(body, not(containsString("P00005")));
    }

    @Test
    void missingOrBadParameterIs400() {
        try (Http1ClientResponse response = client.get("/v1/offers").request()) {
            assertThat(response.status(), is(Status.BAD_REQUEST_400));
            assertThat(response.as(String.class), containsString("\"field\":\"productIds\""));
        }
        try (Http1ClientResponse response = client.get("/v1/offers/O99999").request()) {
            assertThat(response.status(), is(Status.NOT_FOUND_404));
        }
    }

    @Test
    void badKnobIs400AndNamesIt() {
        try (Http1ClientResponse response = client.post("/admin/knobs").header(io.helidon.http.HeaderNames.AUTHORIZATION, io.tandem.common.testing.TestIdentity.ADMIN_BEARER).header(HeaderValues.CONTENT_TYPE_JSON)
                .submit("{\"errorRate\":2}")) {
            assertThat(response.status(), is(Status.BAD_REQUEST_400));
            assertThat(response.as(String.class), containsString("\"field\":\"errorRate\""));
        }
    }

    @Test
    void openApiMatchesTheRoutes() {
        assertThat(client.get("/openapi/offers").requestEntity(String.class), containsString("/v1/offers/{offerId}"));
        OpenApiContract.assertMatches("offers", ROUTES);
    }

    @Test
    void knobsTakeTheAdminToken() {
        try (Http1ClientResponse response = client.post("/admin/knobs").header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON)
                .submit("{\"errorRate\":1}")) {
            assertThat(response.status(), is(Status.UNAUTHORIZED_401));
            assertThat(response.as(String.class), containsString("ADMIN_TOKEN_REQUIRED"));
        }
        try (Http1ClientResponse response = client.get("/admin/knobs")
                .header(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer wrong").request()) {
            assertThat(response.status(), is(Status.UNAUTHORIZED_401));
        }
    }
}
