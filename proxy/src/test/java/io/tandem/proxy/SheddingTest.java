package io.tandem.proxy;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.proxy.cluster.HealthState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Busy is not dead: a cluster that sheds (503 + Retry-After + Tandem-Shed) keeps its sessions and its health; the
 * proxy sends its new sessions to a cluster with room, and refuses them itself when every cluster sheds. A fresh
 * proxy per test: the throttle remembers the last seconds of sheds.
 */
class SheddingTest {
    private ProxyHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new ProxyHarness(Map.of("proxy.flags.static.weights.a", "100", "proxy.flags.static.weights.b", "0"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void newSessionsOfASheddingClusterGoToTheOneWithRoom() {
        h.a.shedding = true;
        int onB = 0;
        int overloaded = 0;
        for (int i = 0; i < 100; i++) {
            try (Http1ClientResponse r = buyNow("shed-user-" + i, null)) {
                String backend = r.headers().first(HeaderNames.create("X-Backend")).orElse("proxy");
                onB += backend.equals("b") ? 1 : 0;
                overloaded += backend.equals("proxy") ? 1 : 0;
            }
        }
        assertThat("new sessions moved to b: " + onB, onB, greaterThanOrEqualTo(80));
        assertThat("b has room: the proxy refuses nothing", overloaded, is(0));
        // A's sessions stay with A, shed or not: it is alive.
        try (Http1ClientResponse r = buyNow("shed-user-0", h.keys.issue("a"))) {
            assertThat(r.status().code(), is(503));
            assertThat(r.headers().first(HeaderNames.create("X-Backend")).orElse(""), is("a"));
        }
        assertThat(h.proxy.clusters().get("a").orElseThrow().health().state(), is(HealthState.UP));
    }

    @Test
    void whenEveryClusterShedsTheProxyRefusesNewSessionsItselfAndSessionsCarryOn() {
        h.a.shedding = true;
        h.b.shedding = true;
        double overloadedBefore = h.metric("tandem_proxy_requests_total{cluster=\"none\",rule=\"overloaded\"");
        double shedBefore = h.metric("tandem_proxy_shed_total{cluster=\"a\"");
        int refusedByProxy = 0;
        int sent = h.a.requests.get() + h.b.requests.get();
        for (int i = 0; i < 100; i++) {
            try (Http1ClientResponse r = buyNow("both-shed-" + i, null)) {
                assertThat(r.status().code(), is(503));
                if (r.headers().first(HeaderNames.create("X-Backend")).isEmpty()) {
                    refusedByProxy++;
                    assertThat(r.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("2"));
                    assertThat(r.as(String.class).contains("\"code\":\"OVERLOADED\""), is(true));
                }
            }
        }
        int reached = h.a.requests.get() + h.b.requests.get() - sent;
        assertThat("refused by the proxy: " + refusedByProxy, refusedByProxy, greaterThanOrEqualTo(50));
        assertThat(reached, lessThan(50));
        // Sessions in flight are never refused by the proxy: their cluster decides.
        int before = h.a.requests.get();
        buyNow("both-shed-0", h.keys.issue("a")).close();
        assertThat(h.a.requests.get(), is(before + 1));
        for (String c : new String[] {"a", "b"}) {
            assertThat(h.proxy.clusters().get(c).orElseThrow().health().state(), is(HealthState.UP));
        }
        // The series exist from the start at 0: what counts is that they grew.
        assertThat(h.metric("tandem_proxy_requests_total{cluster=\"none\",rule=\"overloaded\"") - overloadedBefore,
                is((double) refusedByProxy));
        assertThat(h.metric("tandem_proxy_shed_total{cluster=\"a\"") > shedBefore, is(true));
    }

    private Http1ClientResponse buyNow(String user, String key) {
        var req = h.client.post("/v1/buynow").header(HeaderNames.AUTHORIZATION, h.bearer(user));
        if (key != null) {
            req.header(HeaderNames.create("X-Session-Key"), key);
        }
        return req.submit("{}");
    }
}
