package io.tandem.proxy;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The admin endpoints: behind the token, cluster state, drain and undrain. */
class AdminTest {
    private static final io.helidon.http.HeaderName ADMIN = HeaderNames.create("X-Admin-Token");
    private static ProxyHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = new ProxyHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void stateNeedsTheToken() {
        try (Http1ClientResponse r = h.client.get("/proxy/admin/clusters").request()) {
            assertThat(r.status().code(), is(401));
            assertThat(r.as(String.class), containsString("ADMIN_UNAUTHORIZED"));
        }
        try (Http1ClientResponse r = h.client.get("/proxy/admin/clusters").header(ADMIN, "wrong").request()) {
            assertThat(r.status().code(), is(401));
        }
        try (Http1ClientResponse r = h.client.post("/proxy/admin/clusters/b/drain").header(ADMIN, "wrong").request()) {
            assertThat(r.status().code(), is(401));
        }
        assertThat(h.proxy.clusters().get("b").orElseThrow().drained(), is(false));
        try (Http1ClientResponse r = h.client.get("/proxy/admin/clusters")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + ProxyHarness.ADMIN_TOKEN).request()) {
            assertThat(r.status().code(), is(200));
            String body = r.as(String.class);
            assertThat(body, containsString("\"name\":\"a\""));
            assertThat(body, containsString("\"primary\":true"));
            assertThat(body, containsString("\"name\":\"b\""));
            assertThat(body, containsString("\"autoFailover\":true"));
        }
    }

    @Test
    void drainStopsNewSessionsButLetsRunningOnesFinish() {
        String userOnB = h.userOn("b");
        String sessionOnB = h.keys.issue("b");
        try (Http1ClientResponse r = h.client.post("/proxy/admin/clusters/b/drain").header(ADMIN, ProxyHarness.ADMIN_TOKEN)
                .request()) {
            assertThat(r.status().code(), is(200));
            assertThat(r.as(String.class), containsString("\"drained\":true"));
        }
        try {
            assertThat(cluster(userOnB, null), is("a"));
            assertThat(cluster(userOnB, sessionOnB), is("b"));
        } finally {
            try (Http1ClientResponse r = h.client.post("/proxy/admin/clusters/b/undrain")
                    .header(ADMIN, ProxyHarness.ADMIN_TOKEN).request()) {
                assertThat(r.status().code(), is(200));
            }
        }
        assertThat(cluster(userOnB, null), is("b"));
    }

    @Test
    void unknownClusterIs404() {
        try (Http1ClientResponse r = h.client.post("/proxy/admin/clusters/z/drain").header(ADMIN, ProxyHarness.ADMIN_TOKEN)
                .request()) {
            assertThat(r.status().code(), is(404));
            assertThat(r.as(String.class), containsString("UNKNOWN_CLUSTER"));
        }
    }

    private static String cluster(String user, String key) {
        var req = h.client.post("/v1/buynow").header(HeaderNames.AUTHORIZATION, h.bearer(user));
        if (key != null) {
            req.header(HeaderNames.create("X-Session-Key"), key);
        }
        return RoutingRulesTest.clusterOf(req.submit("{}"));
    }
}
