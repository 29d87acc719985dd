package io.tandem.proxy;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.proxy.cluster.HealthState;
import io.tandem.proxy.cluster.OutlierDetector;
import io.tandem.proxy.cluster.ProbeOutcome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Every routing rule, in DESIGN.md order, against two plain backends. */
class RoutingRulesTest {
    private static ProxyHarness h;

    @BeforeAll
    static void start() throws Exception {
        // Health checks slowed down: these tests set cluster states by hand.
        // Outlier judging slowed down too: these tests move weights by hand.
        h = new ProxyHarness(Map.of("proxy.health.interval", "PT60S", "proxy.outlier.interval", "PT60S",
                "proxy.outlier.window", "PT60S"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void reset() {
        h.flags.atcDisabled(false);
        h.flags.autoFailover(true);
        h.flags.weights(Map.of("a", 50, "b", 50), Map.of());
        h.proxy.clusters().all().forEach(c -> {
            c.drained(false);
            while (c.health().state() != HealthState.UP) {
                c.health().activeResult(ProbeOutcome.READY, "test reset");
                c.health().tick();
            }
            while (c.weight().weight() < 100) {
                c.weight().judged(FINE, true, clock += 60_000_000_000L);
            }
        });
    }

    private static final OutlierDetector.Verdict SLOW = new OutlierDetector.Verdict(true, "test: slow");
    private static final OutlierDetector.Verdict FINE = new OutlierDetector.Verdict(false, "");
    private static long clock = System.nanoTime();

    @Test
    void aLoweredWeightMovesItsShareOfNewSessionsButNoSession() {
        var b = h.proxy.clusters().get("b").orElseThrow();
        double toZeroBefore = h.metric("tandem_proxy_weight_transitions_total{cluster=\"b\"", "to=\"0\"");
        h.flags.weights(Map.of("a", 0, "b", 100), Map.of());
        b.weight().judged(SLOW, true, clock += 1_000_000_000L);
        assertThat(b.weight().weight(), is(50));
        int onB = 0;
        for (int i = 0; i < 200; i++) {
            String user = "weighted-" + i;
            String first = clusterOf(call("POST", "/v1/buynow", user, null));
            assertThat("sticky per user", clusterOf(call("POST", "/v1/buynow", user, null)), is(first));
            onB += first.equals("b") ? 1 : 0;
        }
        assertThat("new sessions on b at weight 50: " + onB, onB > 70 && onB < 130, is(true));
        b.weight().judged(SLOW, true, clock += 1_000_000_000L);
        b.weight().judged(SLOW, true, clock += 1_000_000_000L);
        assertThat(b.weight().weight(), is(0));
        for (int i = 0; i < 20; i++) {
            assertThat(clusterOf(call("POST", "/v1/buynow", "weighted-" + i, null)), is("a"));
        }
        assertThat("b's sessions stay on b", clusterOf(call("POST", "/v1/orders", "weighted-0", h.keys.issue("b"))),
                is("b"));
        try (Http1ClientResponse r = h.client.get("/proxy/admin/clusters")
                .header(HeaderNames.create("X-Admin-Token"), ProxyHarness.ADMIN_TOKEN).request()) {
            String body = r.as(String.class);
            assertThat(body, containsString("\"weight\":0,\"weightReason\":\"test: slow\""));
        }
        try (Http1ClientResponse r = h.client.get("/observe/metrics").request()) {
            // Meters are global to the JVM (other tests' proxies registered the gauge first): the series, not its value.
            assertThat(r.as(String.class), containsString("tandem_proxy_cluster_weight{cluster=\"b\""));
        }
        assertThat("the move to 0 counted", h.metric("tandem_proxy_weight_transitions_total{cluster=\"b\"",
                "to=\"0\"") - toZeroBefore, is(1.0));
    }

    @Test
    void anOrderStatusOnAnUnreachableClusterIsAskedAgainNeverRestarted() {
        markDown("b");
        String user = h.userOn("b");
        try (Http1ClientResponse r = call("GET", "/v1/orders/B-123", user, h.keys.issue("b"))) {
            assertThat(r.status().code(), is(503));
            assertThat(r.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("5"));
            assertThat(r.as(String.class), containsString("\"code\":\"ORDER_STATUS_UNAVAILABLE\""));
        }
        try (Http1ClientResponse r = call("POST", "/v1/orders", user, h.keys.issue("b"))) {
            assertThat(r.as(String.class), containsString("\"code\":\"CHECKOUT_RESTART_REQUIRED\""));
        }
    }

    @Test
    void ownHealthAndMetricsAreAnsweredByTheProxy() {
        int before = h.a.requests.get() + h.b.requests.get();
        try (Http1ClientResponse r = h.client.get("/observe/health").request()) {
            assertThat(r.status().code(), is(200));
            assertThat(r.as(String.class), containsString("clusters"));
        }
        call("GET", "/v1/carts/x", h.userOn("b"), null).close();
        try (Http1ClientResponse r = h.client.get("/observe/metrics").request()) {
            String text = r.as(String.class);
            assertThat(text, containsString("tandem_proxy_requests_total{cluster=\"a\",rule=\"atc\""));
            assertThat(text, containsString("tandem_proxy_added_latency_seconds_bucket"));
        }
        assertThat(h.a.requests.get() + h.b.requests.get(), is(before + 1));
    }

    @Test
    void atcGoesToThePrimaryWhateverTheUserOrSession() {
        String userOnB = h.userOn("b");
        assertThat(clusterOf(call("POST", "/v1/carts/items", userOnB, null)), is("a"));
        assertThat(clusterOf(call("GET", "/v1/carts", userOnB, h.keys.issue("b"))), is("a"));
    }

    @Test
    void buyNowIsNotAtc() {
        String userOnB = h.userOn("b");
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnB, null)), is("b"));
        assertThat(clusterOf(call("POST", "/v1/cartsx", userOnB, null)), is("b"));
    }

    @Test
    void atcDisabledIsAnsweredByTheProxyWithABuyNowHint() {
        h.flags.atcDisabled(true);
        int before = h.a.requests.get();
        try (Http1ClientResponse r = call("POST", "/v1/carts/items", h.userOn("a"), null)) {
            assertThat(r.status().code(), is(503));
            assertThat(r.headers().first(HeaderNames.RETRY_AFTER).isPresent(), is(true));
            String body = r.as(String.class);
            assertThat(body, containsString("\"code\":\"ATC_DISABLED\""));
            assertThat(body, containsString("buy-now"));
        }
        assertThat(h.a.requests.get(), is(before));
        // Buy-now still flows.
        assertThat(clusterOf(call("POST", "/v1/buynow", h.userOn("b"), null)), is("b"));
    }

    @Test
    void addressWritesGoToThePrimaryAndReadsFollowTheSession() {
        String userOnB = h.userOn("b");
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThat(method, clusterOf(call(method, "/v1/addresses/7", userOnB, h.keys.issue("b"))), is("a"));
        }
        assertThat(clusterOf(call("GET", "/v1/addresses/7", userOnB, h.keys.issue("b"))), is("b"));
    }

    @Test
    void primaryDownRefusesAtcAndAddressWritesClearly() {
        markDown("a");
        try (Http1ClientResponse r = call("POST", "/v1/carts/items", h.userOn("b"), null)) {
            assertThat(r.status().code(), is(503));
            assertThat(r.as(String.class), containsString("PRIMARY_UNAVAILABLE"));
        }
        try (Http1ClientResponse r = call("PUT", "/v1/addresses/1", h.userOn("b"), null)) {
            assertThat(r.as(String.class), containsString("PRIMARY_UNAVAILABLE"));
        }
    }

    @Test
    void validSessionKeyGoesToItsClusterWhateverTheBucket() {
        String userOnA = h.userOn("a");
        assertThat(clusterOf(call("POST", "/v1/buynow/checkout", userOnA, h.keys.issue("b"))), is("b"));
        String userOnB = h.userOn("b");
        assertThat(clusterOf(call("POST", "/v1/orders", userOnB, h.keys.issue("a"))), is("a"));
    }

    @Test
    void badKeysAreNeverRoutedOnTheirWord() {
        String userOnA = h.userOn("a");
        String good = h.keys.issue("b");
        String[] p = good.split("\\.");
        io.tandem.common.session.SessionKeys forger = io.tandem.common.session.SessionKeys.create(
                io.helidon.config.Config.just(io.helidon.config.ConfigSources.create(
                        Map.of("secret", "not-the-real-secret-at-all"))));
        String expired = io.tandem.common.session.SessionKeys.create(h.config.get("session"),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(-3))).issue("b");
        String[] bad = {
                forger.issue("b"),                                   // forged: another secret
                "b.9999999999.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "b",                                                 // malformed
                "b." + p[1] + "." + p[2],                            // no MAC
                expired,                                             // expired
                "b" + h.keys.issue("a").substring(1),                // wrong cluster letter on an A key
                "c" + good.substring(1),                             // unknown cluster
        };
        for (String key : bad) {
            try (Http1ClientResponse r = call("POST", "/v1/buynow", userOnA, key)) {
                assertThat(key, clusterOf(r), is("a"));
            }
        }
        // And the same user with the real key goes to b: the bucket alone does not explain the results above.
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnA, good)), is("b"));
    }

    @Test
    void newSessionsFollowWeightsAndOverrides() {
        h.flags.weights(Map.of("a", 100, "b", 0), Map.of());
        for (int i = 0; i < 20; i++) {
            assertThat(clusterOf(call("POST", "/v1/buynow", "w-user-" + i, null)), is("a"));
        }
        h.flags.weights(Map.of("a", 0, "b", 100), Map.of("vip-1", "a"));
        for (int i = 0; i < 20; i++) {
            assertThat(clusterOf(call("POST", "/v1/buynow", "w-user-" + i, null)), is("b"));
        }
        assertThat(clusterOf(call("POST", "/v1/buynow", "vip-1", null)), is("a"));
    }

    @Test
    void fiftyFiftySplitsUsersRoughlyInHalfAndStickily() {
        int onB = 0;
        for (int i = 0; i < 200; i++) {
            String user = "split-" + i;
            String first = clusterOf(call("GET", "/v1/buynow/x", user, null));
            assertThat(clusterOf(call("GET", "/v1/buynow/x", user, null)), is(first));
            onB += first.equals("b") ? 1 : 0;
        }
        assertThat("users on b: " + onB, onB > 70 && onB < 130, is(true));
    }

    @Test
    void downClusterIsSkippedForNewSessionsAndItsSessionsMustRestart() {
        markDown("b");
        String userOnB = h.userOn("b");
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnB, null)), is("a"));
        try (Http1ClientResponse r = call("POST", "/v1/buynow/pay", userOnB, h.keys.issue("b"))) {
            assertThat(r.status().code(), is(503));
            assertThat(r.as(String.class), containsString("\"code\":\"CHECKOUT_RESTART_REQUIRED\""));
        }
        // A's sessions are untouched.
        assertThat(clusterOf(call("POST", "/v1/buynow/pay", userOnB, h.keys.issue("a"))), is("a"));
    }

    @Test
    void withAutoFailoverOffHealthDoesNotMoveTraffic() {
        markDown("b");
        h.flags.autoFailover(false);
        String userOnB = h.userOn("b");
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnB, null)), is("b"));
        assertThat(clusterOf(call("POST", "/v1/buynow", userOnB, h.keys.issue("b"))), is("b"));
    }

    @Test
    void unauthenticatedRequestsNeverReachACluster() {
        int before = h.a.requests.get() + h.b.requests.get();
        try (Http1ClientResponse r = h.client.post("/v1/buynow").header(HeaderNames.create("X-User-Id"), "someone")
                .request()) {
            assertThat(r.status().code(), is(401));
            assertThat(r.as(String.class), containsString("\"code\":\"UNAUTHENTICATED\""));
            assertThat(r.headers().first(HeaderNames.WWW_AUTHENTICATE).isPresent(), is(true));
        }
        assertThat(h.a.requests.get() + h.b.requests.get(), is(before));
    }

    @Test
    void dotSegmentsAreRefused() {
        try (Http1ClientResponse r = h.client.get("/v1/buynow/%2e%2e/carts").skipUriEncoding(true)
                .header(HeaderNames.AUTHORIZATION, h.bearer("u")).request()) {
            assertThat(r.status().code(), not(200));
        }
    }

    private void markDown(String name) {
        var c = h.proxy.clusters().get(name).orElseThrow();
        for (int i = 0; i < 5; i++) {
            c.health().activeResult(ProbeOutcome.UNREACHABLE, "test");
        }
        assertThat(c.health().state(), is(HealthState.DOWN));
    }

    static String clusterOf(Http1ClientResponse r) {
        try (r) {
            assertThat(r.status().code(), is(200));
            return r.headers().first(HeaderNames.create("X-Backend")).orElse("?");
        }
    }

    private Http1ClientResponse call(String method, String path, String user, String sessionKey) {
        var req = h.client.method(io.helidon.http.Method.create(method)).uri(path)
                .header(HeaderNames.AUTHORIZATION, h.bearer(user));
        if (sessionKey != null) {
            req.header(HeaderNames.create("X-Session-Key"), sessionKey);
        }
        return method.equals("GET") || method.equals("DELETE") ? req.request() : req.submit("{}");
    }
}
