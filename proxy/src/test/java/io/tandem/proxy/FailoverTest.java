package io.tandem.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.common.logging.LogContext;
import io.tandem.proxy.cluster.HealthState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** Active and passive health with real backends going away and coming back, with auto_failover on and off. */
class FailoverTest {
    private static final Duration FAILBACK = Duration.ofSeconds(1);
    private static ProxyHarness h;
    private static String userOnB;

    @BeforeAll
    static void start() throws Exception {
        h = new ProxyHarness(Map.of(
                "proxy.health.failback-delay", "PT1S",
                "proxy.health.unresponsive-delay", "PT1S",
                "proxy.outlier.ramp-hold", "PT0.2S",
                "proxy.timeouts.routes.0.prefix", "/slow",
                "proxy.timeouts.routes.0.timeout", "PT0.3S"));
        userOnB = h.userOn("b");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void healB() throws Exception {
        h.flags.autoFailover(true);
        h.b.forcedStatus = 0;
        h.b.retryAfter = null;
        h.b.readyStatus = 200;
        h.b.readyDelayMs = 0;
        h.b.storeCheckMillis = -1;
        h.b.delayMs = 0;
        await(() -> state("b") == HealthState.UP && weight("b") == 100, Duration.ofSeconds(10));
    }

    private static int weight(String cluster) {
        return h.proxy.clusters().get(cluster).orElseThrow().weight().weight();
    }

    @Test
    void stoppedClusterLeavesNewSessionRoutingAndComesBackAfterTheFailbackDelay() throws Exception {
        assertThat(clusterOf(buyNow(userOnB, null)), is("b"));
        long stopped = System.nanoTime();
        h.b.stop();
        await(() -> state("b") == HealthState.DOWN, Duration.ofSeconds(5));
        assertThat("detected within", Duration.ofNanos(System.nanoTime() - stopped), lessThan(Duration.ofSeconds(3)));

        assertThat(clusterOf(buyNow(userOnB, null)), is("a"));
        try (Http1ClientResponse r = buyNow(userOnB, h.keys.issue("b"))) {
            assertThat(r.status().code(), is(503));
            assertThat(r.as(String.class), containsString("CHECKOUT_RESTART_REQUIRED"));
        }
        // A session that started on A during the outage stays on A once B is back.
        String sessionOnA = h.keys.issue("a");

        h.b.restart();
        long restarted = System.nanoTime();
        await(() -> state("b") == HealthState.RECOVERING, Duration.ofSeconds(5));
        assertThat("still out during the failback delay", clusterOf(buyNow(userOnB, null)), is("a"));
        await(() -> state("b") == HealthState.UP, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - restarted), greaterThanOrEqualTo(FAILBACK));
        assertThat("failback ramps: a tenth first", weight("b"), is(10));
        await(() -> weight("b") == 100, Duration.ofSeconds(5));
        assertThat(clusterOf(buyNow(userOnB, null)), is("b"));
        assertThat(clusterOf(buyNow(userOnB, sessionOnA)), is("a"));

        try (Http1ClientResponse r = h.client.get("/observe/metrics").request()) {
            String metrics = r.as(String.class);
            // The series exists from the start at 0; after the outage it has counted the move to down.
            double toDown = h.metric("tandem_proxy_health_transitions_total{cluster=\"b\"", "to=\"down\"");
            assertThat(toDown >= 1, is(true));
            assertThat(metrics, containsString("tandem_proxy_requests_total{cluster=\"none\",rule=\"session_restart\""));
        }
    }

    @Test
    void aClusterTooBusyToAnswerItsProbesKeepsItsSessionsWhileItAnswersThem() throws Exception {
        String sessionOnB = h.keys.issue("b");
        // Probes answer after their timeout (0.2 s), live answers come slowly: busy, not dead.
        h.b.readyDelayMs = 400;
        h.b.delayMs = 150;
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end) {
            try (Http1ClientResponse r = buyNow(userOnB, sessionOnB)) {
                assertThat(r.status().code(), is(200));
            }
            assertThat(state("b"), is(HealthState.UP));
        }
        Thread.sleep(1500);
        assertThat("late probe answers alone keep it alive", state("b"), is(HealthState.UP));
        // Hung: nothing answers any more (no live traffic, no probe answer) for the unresponsive delay: unreachable.
        h.b.readyDelayMs = 5000;
        await(() -> state("b") == HealthState.DOWN, Duration.ofSeconds(6));
        try (Http1ClientResponse r = h.client.get("/v1/orders/B-1").header(HeaderNames.AUTHORIZATION, h.bearer(userOnB))
                .header(HeaderNames.create("X-Session-Key"), sessionOnB).request()) {
            assertThat(r.status().code(), is(503));
            assertThat(r.as(String.class), containsString("\"code\":\"ORDER_STATUS_UNAVAILABLE\""));
        }
    }

    @Test
    void aClusterWhoseStoresAnswerSlowlyStaysOutOfNewSessionsWithoutTrafficAndRampsBackOnceTheyAreFast() throws Exception {
        String sessionOnB = h.keys.issue("b");
        // Readiness answers at once (from memory), but says its database check took 2 s; the other cluster's takes
        // none. No live traffic at all: the report alone is the evidence.
        h.b.storeCheckMillis = 2000;
        await(() -> weight("b") == 0, Duration.ofSeconds(10));
        // Many ramp holds (0.2 s here) later, still out: the ramp needs the stores to be fast again.
        Thread.sleep(1500);
        assertThat(weight("b"), is(0));
        assertThat("slow is not unreachable", state("b"), is(HealthState.UP));
        try (Http1ClientResponse r = buyNow(userOnB, sessionOnB)) {
            assertThat("its sessions stay", r.status().code(), is(200));
            assertThat(clusterOf(r), is("b"));
        }
        h.b.storeCheckMillis = 3;
        await(() -> weight("b") == 100, Duration.ofSeconds(10));
    }

    @Test
    void deliberateRefusalsWithRetryAfterDoNotTakeAClusterOut() throws Exception {
        h.b.forcedStatus = 503;
        h.b.retryAfter = "2";
        int passiveThreshold = h.proxy.clusters().healthSettings().passiveThreshold();
        for (int i = 0; i < 2 * passiveThreshold; i++) {
            try (Http1ClientResponse r = buyNow(userOnB, null)) {
                assertThat(r.status().code(), is(503));
            }
        }
        assertThat(state("b").routable(), is(true));
        h.b.retryAfter = null;
        for (int i = 0; i < passiveThreshold; i++) {
            buyNow(userOnB, null).close();
        }
        assertThat("a bare 503 is sickness", state("b").routable(), is(false));
    }

    @Test
    void failingLiveRequestsTakeAClusterOutWhileItsHealthEndpointStillSaysReady() throws Exception {
        h.b.forcedStatus = 502;
        int passiveThreshold = h.proxy.clusters().healthSettings().passiveThreshold();
        for (int i = 0; i < passiveThreshold; i++) {
            try (Http1ClientResponse r = buyNow(userOnB, null)) {
                assertThat(r.status().code(), is(502));
            }
        }
        assertThat(state("b").routable(), is(false));
        assertThat(clusterOf(buyNow(userOnB, null)), is("a"));
    }

    @Test
    void slowClusterAnswers504WithinTheRouteTimeout() {
        long t = System.nanoTime();
        try (Http1ClientResponse r = h.client.get("/slow").queryParam("ms", "3000")
                .header(HeaderNames.AUTHORIZATION, h.bearer(userOnB)).request()) {
            assertThat(r.status().code(), is(504));
            assertThat(r.as(String.class), containsString("\"code\":\"UPSTREAM_TIMEOUT\""));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t), lessThan(Duration.ofMillis(2500)));
    }

    @Test
    void theProxysLineAboutAFailedRequestNamesTheRequest() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // the log context as the formatter reads it: on the logging thread, at the time of the line
                lines.add(LogContext.requestId() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Forwarder.class.getName());
        logger.addHandler(capture);
        try (Http1ClientResponse r = h.client.get("/slow").queryParam("ms", "3000")
                .header(HeaderNames.AUTHORIZATION, h.bearer(userOnB))
                .header(HeaderNames.create("X-Request-Id"), "rq-slow-1").request()) {
            assertThat(r.status().code(), is(504));
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(lines.toString(), lines.stream().anyMatch(l -> l.startsWith("rq-slow-1 Cluster b failed a live request")),
                is(true));
    }

    @Test
    void withAutoFailoverOffAStoppedClusterIsStillCalled() throws Exception {
        h.flags.autoFailover(false);
        h.b.stop();
        try {
            await(() -> state("b") == HealthState.DOWN, Duration.ofSeconds(5));
            try (Http1ClientResponse r = buyNow(userOnB, h.keys.issue("b"))) {
                assertThat(r.status().code(), is(502));
                assertThat(r.as(String.class), containsString("\"code\":\"UPSTREAM_UNAVAILABLE\""));
            }
            try (Http1ClientResponse r = buyNow(userOnB, null)) {
                assertThat(r.status().code(), is(502));
            }
        } finally {
            h.b.restart();
        }
    }

    private static HealthState state(String cluster) {
        return h.proxy.clusters().get(cluster).orElseThrow().health().state();
    }

    private static Http1ClientResponse buyNow(String user, String key) {
        var req = h.client.post("/v1/buynow").header(HeaderNames.AUTHORIZATION, h.bearer(user));
        if (key != null) {
            req.header(HeaderNames.create("X-Session-Key"), key);
        }
        return req.submit("{}");
    }

    private static String clusterOf(Http1ClientResponse r) {
        return RoutingRulesTest.clusterOf(r);
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Condition not met within " + max);
            }
            Thread.sleep(20);
        }
    }
}
