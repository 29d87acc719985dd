package io.tandem.proxy;

import java.time.Duration;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.HealthState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * A cluster of two instances ({@code proxy.clusters.0.urls}): its requests are spread over both; one that stops gets
 * none (a request it refused goes to the other, the client sees nothing), the cluster stays UP; both stopped, the
 * cluster goes down; one back, it is back in rotation.
 */
class ClusterInstancesTest {
    private static TestBackend a1;
    private static TestBackend a2;
    private static ProxyHarness h;

    @BeforeAll
    static void start() throws Exception {
        a1 = new TestBackend("a");
        a2 = new TestBackend("a");
        h = new ProxyHarness(Map.of("proxy.clusters.0.urls", a1.url() + "," + a2.url()));
    }

    @AfterAll
    static void stop() {
        h.close();
        a1.close();
        a2.close();
    }

    @Test
    void aClustersRequestsAreSpreadAndAStoppedInstanceCostsNoRequestAndNoFailover() throws Exception {
        Cluster a = h.proxy.clusters().get("a").orElseThrow();
        assertThat(a.instances().size(), is(2));
        String session = h.keys.issue("a");
        int before1 = a1.requests.get();
        int before2 = a2.requests.get();
        for (int i = 0; i < 20; i++) {
            assertThat(status(session), is(200));
        }
        assertThat("instance 1 served", a1.requests.get() - before1, greaterThan(5));
        assertThat("instance 2 served", a2.requests.get() - before2, greaterThan(5));

        a2.stop();
        int served = a1.requests.get();
        for (int i = 0; i < 50; i++) {
            assertThat("request " + i + " with one instance stopped", status(session), is(200));
        }
        assertThat(a1.requests.get() - served, is(50));
        assertThat(a.health().state(), is(HealthState.UP));
        assertThat(a.instances().get(1).up(), is(false));

        a2.restart();
        FailoverTest.await(() -> a.instances().get(1).up(), Duration.ofSeconds(5));
        int back = a2.requests.get();
        for (int i = 0; i < 10; i++) {
            assertThat(status(session), is(200));
        }
        assertThat("back in rotation", a2.requests.get() - back, greaterThan(0));
    }

    @Test
    void theClusterIsDownOnlyWhenEveryInstanceIs() throws Exception {
        Cluster a = h.proxy.clusters().get("a").orElseThrow();
        a1.stop();
        Thread.sleep(1000);
        assertThat(a.health().state(), is(HealthState.UP));
        a2.stop();
        try {
            FailoverTest.await(() -> a.health().state() == HealthState.DOWN, Duration.ofSeconds(5));
        } finally {
            a1.restart();
            a2.restart();
        }
        FailoverTest.await(() -> a.health().state() == HealthState.UP, Duration.ofSeconds(10));
        assertThat(status(h.keys.issue("a")), is(200));
    }

    private static int status(String session) {
        try (Http1ClientResponse r = h.client.post("/v1/buynow").header(HeaderNames.AUTHORIZATION, h.bearer("shopper-1"))
                .header(HeaderNames.create("X-Session-Key"), session).submit("{}")) {
            return r.status().code();
        }
    }
}
