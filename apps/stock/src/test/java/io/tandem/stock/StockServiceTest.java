package io.tandem.stock;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Api;
import io.tandem.common.api.RouteTable;
import io.tandem.common.testing.OpenApiContract;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The routes without a database: validation, the admin guard, 503 when db-stock does not answer, the document. */
@ServerTest
class StockServiceTest {
    private static final RouteTable ROUTES = new RouteTable();
    private final Http1Client client;

    StockServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        // a database nobody listens on: every store call fails fast
        DbClient db = DbClient.create(Config.just(ConfigSources.create(Map.of("source", "jdbc",
                "connection.url", "jdbc:mysql://127.0.0.1:1/tandem", "connection.username", "x",
                "connection.password", "x", "connection.connectionTimeout", "250",
                "connection.initializationFailTimeout", "-1"))));
        StockStore store = new StockStore(new Tx(db, 1), Duration.ofMinutes(10), System::currentTimeMillis);
        Main.routing(routing, store, new StockMetrics(), Api.builder("stock").routeTable(ROUTES).build(),
                AdminAuth.from(Config.just(ConfigSources.create(Map.of("admin.token", "secret")))));
    }

    private Http1ClientResponse put(String path, String body) {
        return client.put(path).header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
    }

    @Test
    void badLinesAre400NamingTheField() {
        try (Http1ClientResponse r = put("/v1/reservations/N1-A", "{\"lines\":[]}")) {
            assertThat(r.status(), is(Status.BAD_REQUEST_400));
            assertThat(r.as(String.class), containsString("\"field\":\"lines\""));
        }
        try (Http1ClientResponse r = put("/v1/reservations/N1-A", "{\"lines\":[{\"productId\":\"P00001\",\"quantity\":0}]}")) {
            assertThat(r.status(), is(Status.BAD_REQUEST_400));
            assertThat(r.as(String.class), containsString("\"field\":\"quantity\""));
        }
        try (Http1ClientResponse r = put("/v1/reservations/bad%20number", "{\"lines\":[{\"productId\":\"P00001\",\"quantity\":1}]}")) {
            assertThat(r.status(), is(Status.BAD_REQUEST_400));
            assertThat(r.as(String.class), containsString("\"field\":\"orderNumber\""));
        }
    }

    @Test
    void adminNeedsTheToken() {
        try (Http1ClientResponse r = put("/admin/stock/P00001", "{\"stock\":50}")) {
            assertThat(r.status(), is(Status.UNAUTHORIZED_401));
            assertThat(r.as(String.class), containsString("ADMIN_TOKEN_REQUIRED"));
        }
    }

    @Test
    void databaseDownIs503StoreUnavailableNeverAStackTrace() {
        try (Http1ClientResponse r = put("/v1/reservations/N1-A", "{\"lines\":[{\"productId\":\"P00001\",\"quantity\":1}]}")) {
            assertThat(r.status(), is(Status.SERVICE_UNAVAILABLE_503));
            String body = r.as(String.class);
            assertThat(body, containsString("STORE_UNAVAILABLE"));
            assertThat(body.contains("Exception"), is(false));
        }
    }

    @Test
    void openApiMatchesTheRoutes() {
        OpenApiContract.assertMatches("stock", ROUTES);
    }
}
