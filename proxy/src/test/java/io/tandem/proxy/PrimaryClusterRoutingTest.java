package io.tandem.proxy;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.proxy.cluster.HealthState;
import io.tandem.proxy.cluster.ProbeOutcome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** primary_cluster moves ATC and address writes to the cluster it names, at run time; everything else stays put. */
class PrimaryClusterRoutingTest {
    private static ProxyHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = new ProxyHarness(Map.of("proxy.health.interval", "PT60S", "proxy.outlier.interval", "PT60S",
                "proxy.outlier.window", "PT60S"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void reset() {
        h.flags.primaryCluster(null);
        h.proxy.clusters().all().forEach(c -> {
            while (c.health().state() != HealthState.UP) {
                c.health().activeResult(ProbeOutcome.READY, "test reset");
                c.health().tick();
            }
        });
    }

    @Test
    void flagMovesAtcAndAddressWritesToTheClusterItNames() {
        String userOnA = h.userOn("a");
        h.flags.primaryCluster("b");
        assertThat(clusterOf(call("POST", "/v1/carts/items", userOnA, null)), is("b"));
        assertThat(clusterOf(call("PUT", "/v1/addresses/7", userOnA, h.keys.issue("a"))), is("b"));
        // Not primary-only: sessions and new users are routed as before.
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnA, null)), is("a"));
        assertThat(clusterOf(call("GET", "/v1/addresses/7", userOnA, h.keys.issue("a"))), is("a"));
        h.flags.primaryCluster("a");
        assertThat(clusterOf(call("POST", "/v1/carts/items", userOnA, null)), is("a"));
    }

    @Test
    void withTheFlagOnBWritesAreRefusedOnlyWhenBIsDown() {
        h.flags.primaryCluster("b");
        markDown("a");
        assertThat("A being down does not matter once B is primary",
                clusterOf(call("POST", "/v1/carts/items", h.userOn("a"), null)), is("b"));
        markDown("b");
        try (Http1ClientResponse r = call("POST", "/v1/carts/items", h.userOn("a"), null)) {
            assertThat(r.status().code(), is(503));
            assertThat(r.as(String.class), containsString("PRIMARY_UNAVAILABLE"));
        }
    }

    @Test
    void anUnknownClusterNameKeepsTheConfiguredPrimary() {
        h.flags.primaryCluster("z");
        assertThat(clusterOf(call("POST", "/v1/carts/items", h.userOn("b"), null)), is("a"));
    }

    private static String clusterOf(Http1ClientResponse r) {
        return RoutingRulesTest.clusterOf(r);
    }

    private static void markDown(String name) {
        var c = h.proxy.clusters().get(name).orElseThrow();
        for (int i = 0; i < 5; i++) {
            c.health().activeResult(ProbeOutcome.UNREACHABLE, "test: region lost");
        }
        assertThat(c.health().state(), is(HealthState.DOWN));
    }

    private static Http1ClientResponse call(String method, String path, String user, String sessionKey) {
        var req = h.client.method(io.helidon.http.Method.create(method)).uri(path)
                .header(HeaderNames.AUTHORIZATION, h.bearer(user));
        if (sessionKey != null) {
            req.header(HeaderNames.create("X-Session-Key"), sessionKey);
        }
        return method.equals("GET") || method.equals("DELETE") ? req.request() : req.submit("{}");
    }
}
