package io.tandem.cluster;

import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import io.tandem.common.store.Stores;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The cluster process's health with its stores pointed at closed ports: alive, but not ready, and it says why. */
@ServerTest
class MainTest {
    private final Http1Client client;

    MainTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        java.util.Map<String, String> map = new java.util.HashMap<>(java.util.Map.of(
                "cluster.name", "b",
                "redis.url", "redis://127.0.0.1:9",
                "redis.timeout", "PT0.2S"));
        for (String role : java.util.List.of("reads", "orders")) {
            map.put("db." + role + ".source", "jdbc");
            map.put("db." + role + ".connection.url", "jdbc:mysql://127.0.0.1:9/tandem");
            map.put("db." + role + ".connection.username", "nobody");
            map.put("db." + role + ".connection.password", "x");
            map.put("db." + role + ".connection.connectionTimeout", "250");
            map.put("db." + role + ".connection.initializationFailTimeout", "-1");
        }
        Config config = Config.just(io.helidon.config.ConfigSources.create(map));
        Stores stores = Stores.create(config);
        // Health and metrics only: the order service needs its database at start (its order-number lease), so
        // the services themselves are covered by their own tests and the *IT tests on the real environment.
        server.addFeature(Main.observe(config, stores));
    }

    @Test
    void livenessIsUpWithoutStores() {
        try (Http1ClientResponse response = client.get("/observe/health/live").request()) {
            assertThat(response.status(), is(Status.OK_200));
        }
    }

    @Test
    void readinessIsDownAndNamesEachStore() {
        try (Http1ClientResponse response = client.get("/observe/health/ready").request()) {
            assertThat(response.status(), is(Status.SERVICE_UNAVAILABLE_503));
            String body = response.as(String.class);
            assertThat(body, containsString("db-reads"));
            assertThat(body, containsString("db-orders"));
            assertThat(body, containsString("redis"));
        }
    }

    @Test
    void metricsAreServed() {
        try (Http1ClientResponse response = client.get("/observe/metrics").request()) {
            assertThat(response.status(), is(Status.OK_200));
        }
    }
}
