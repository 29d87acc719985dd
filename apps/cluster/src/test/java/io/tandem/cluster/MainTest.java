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

/** The cluster process with its stores pointed at closed ports: alive, but not ready, and it says why. */
@ServerTest
class MainTest {
    private final Http1Client client;

    MainTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        Config config = Config.just(io.helidon.config.ConfigSources.create(java.util.Map.of(
                "cluster.name", "b",
                "db.reads.source", "jdbc",
                "db.reads.connection.url", "jdbc:mysql://127.0.0.1:9/tandem",
                "db.reads.connection.username", "nobody",
                "db.reads.connection.password", "x",
                "db.reads.connection.connectionTimeout", "250",
                "db.reads.connection.initializationFailTimeout", "-1",
                "redis.url", "redis://127.0.0.1:9",
                "redis.timeout", "PT0.2S")));
        Stores stores = Stores.create(config);
        server.addFeature(Main.observe(config, stores))
                .routing(routing -> Main.routing(routing, config, stores));
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
            assertThat(body, containsString("redis"));
        }
    }

    @Test
    void clusterNameComesFromConfig() {
        assertThat(client.get("/v1/cluster").requestEntity(String.class), containsString("\"b\""));
    }

    @Test
    void metricsAreServed() {
        try (Http1ClientResponse response = client.get("/observe/metrics").request()) {
            assertThat(response.status(), is(Status.OK_200));
        }
    }
}
