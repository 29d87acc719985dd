package io.tandem.catalog;

import java.util.List;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.Api;
import io.tandem.common.api.RouteTable;
import io.tandem.common.pricing.Product;
import io.tandem.common.stock.StockLevel;
import io.tandem.common.testing.OpenApiContract;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

@ServerTest
class MainTest {
    private static final RouteTable ROUTES = new RouteTable();
    private final Http1Client client;

    MainTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Catalog catalog = Catalog.seed(Catalog.DEFAULT_PRODUCTS);
        // The seed's stock as the stock service would answer it (the stock service's own tests cover the service).
        StockView stock = new StockView(ids -> ids.stream().map(catalog::find).flatMap(java.util.Optional::stream)
                .collect(java.util.stream.Collectors.toMap(Product::productId,
                        p -> new StockLevel(p.productId(), p.stock(), 0, 0))), StockView.DEFAULT_CACHE_TTL, System::currentTimeMillis);
        io.tandem.common.api.AdminAuth.of(io.tandem.common.testing.TestIdentity.ADMIN_TOKEN).register(routing);
        Main.routing(routing, catalog, stock, Api.builder("catalog").routeTable(ROUTES).build());
    }

    @Test
    void productsByIdNameTheMissingOnes() {
        String body = client.get("/v1/products").queryParam("ids", "P00001,P00050,NOPE").requestEntity(String.class);
        assertThat(body, containsString("\"productId\":\"P00001\""));
        assertThat(body, containsString("\"stock\":0"));
        assertThat(body, containsString("\"missing\":[\"NOPE\"]"));
    }

    @Test
    void unknownProductIs404AndBadIdIs400() {
        try (Http1ClientResponse response = client.get("/v1/products/P99999").request()) {
            assertThat(response.status(), is(Status.NOT_FOUND_404));
            assertThat(response.as(String.class), containsString("UNKNOWN_PRODUCT"));
        }
        try (Http1ClientResponse response = client.get("/v1/products").queryParam("limit", "100000").request()) {
            assertThat(response.status(), is(Status.BAD_REQUEST_400));
            assertThat(response.as(String.class), containsString("\"field\":\"limit\""));
        }
    }

    @Test
    void knobsInjectLatencyAndErrorsAndHeal() {
        try (Http1ClientResponse response = client.post("/admin/knobs").header(io.helidon.http.HeaderNames.AUTHORIZATION, io.tandem.common.testing.TestIdentity.ADMIN_BEARER).header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON).submit("{\"latencyMs\":300,\"errorRate\":1}")) {
            assertThat(response.status(), is(Status.OK_200));
        }
        long start = System.nanoTime();
        try (Http1ClientResponse response = client.get("/v1/products/P00001").request()) {
            assertThat(response.status(), is(Status.INTERNAL_SERVER_ERROR_500));
            assertThat(response.as(String.class), containsString("INJECTED_FAILURE"));
        }
        assertThat((System.nanoTime() - start) / 1_000_000 >= 300, is(true));
        try (Http1ClientResponse response = client.delete("/admin/knobs").header(io.helidon.http.HeaderNames.AUTHORIZATION, io.tandem.common.testing.TestIdentity.ADMIN_BEARER).request()) {
            assertThat(response.status(), is(Status.OK_200));
        }
        start = System.nanoTime();
        try (Http1ClientResponse response = client.get("/v1/products/P00001").request()) {
            assertThat(response.status(), is(Status.OK_200));
        }
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(300L));
    }

    @Test
    void openApiMatchesTheRoutes() {
        assertThat(client.get("/openapi").requestEntity(String.class), containsString("/v1/products/{productId}"));
        OpenApiContract.assertMatches("catalog", ROUTES);
    }

    @Test
    void seedIsStable() {
        Catalog a = Catalog.seed(10);
        Catalog b = Catalog.seed(10);
        assertThat(a.page(0, 10), is(b.page(0, 10)));
        assertThat(a.page(0, 10).size(), is(10));
        assertThat(List.of(a.find("P00010").orElseThrow().stock() > 0), is(List.of(true)));
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
