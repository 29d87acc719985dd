package io.tandem.proxy;

import java.io.IOException;
import java.util.Random;

import io.helidon.webclient.api.HttpClientResponse;

import io.tandem.proxy.cluster.HealthState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * A client's fault is never a cluster's: 100 requests whose bodies break off (half-closed short of their length),
 * carry a bad chunk size mid-stream, or are reset by the client, all after the cluster was called. The clusters stay
 * UP (the passive threshold is 5 failures in a row), and the proxy counts them as client errors.
 */
class ClientFaultsTest {
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
    void hundredBrokenBodiesLeaveEveryClusterUp() throws Exception {
        String bearer = h.bearer("eve");
        Random random = new Random(12);
        int answered400 = 0;
        for (int i = 0; i < 100; i++) {
            String head = "POST /v1/buynow/carts HTTP/1.1\r\nHost: shop\r\nAuthorization: " + bearer + "\r\n";
            try (RawHttp raw = new RawHttp(h.port())) {
                switch (i % 3) {
                    case 0 -> {
                        raw.send(head + "Content-Length: 100\r\n\r\n" + "x".repeat(1 + random.nextInt(90)));
                        raw.shutdownOutput();
                        answered400 += status(raw) == 400 ? 1 : 0;
                    }
                    case 1 -> {
                        raw.send(head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n" + "zz;\r\nmore\r\n0\r\n\r\n");
                        answered400 += status(raw) == 400 ? 1 : 0;
                    }
                    default -> {
                        raw.send(head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                        Thread.sleep(5);
                        raw.reset();
                    }
                }
            }
        }
        // Every request that could still be answered was told 400, never 502.
        assertThat(answered400, is(67));
        Thread.sleep(300);
        for (var cluster : h.proxy.clusters().all()) {
            assertThat(cluster.name() + ": " + cluster.health().lastReason(), cluster.health().state(), is(HealthState.UP));
        }
        try (HttpClientResponse r = h.client.get("/observe/metrics").request()) {
            String metrics = r.as(String.class);
            assertThat(metrics, containsString("tandem_proxy_client_errors_total{kind=\"body_incomplete\""));
            assertThat(metrics.contains("tandem_proxy_upstream_errors_total{cluster=\"a\",kind=\"broken\"} 0")
                    || !metrics.contains("tandem_proxy_upstream_errors_total{cluster=\"a\",kind=\"broken\"}"), is(true));
            assertThat(count(metrics, "tandem_proxy_client_errors_total{kind=\"body_incomplete\""), greaterThan(60.0));
        }
    }

    private static int status(RawHttp raw) throws IOException {
        RawHttp.Response r = raw.read();
        assertThat(r.body(), containsString("\"code\":\"REQUEST_BODY_INCOMPLETE\""));
        return r.status();
    }

    private static double count(String metrics, String prefix) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
