package io.tandem.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.tandem.common.api.IdentityAssertions;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The edge on the running environment (the deployed proxy in front of the real clusters A and B): 100 requests that
 * fail by the client's fault leave both clusters UP with no health transition; a forged X-User-Id sent straight to
 * a cluster is refused; the knobs take the admin token.
 */
class EdgeIT {
    private static EdgeEnv env;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        env = new EdgeEnv();
    }

    @Test
    void hundredClientFaultsLeaveBothClustersUp() throws Exception {
        TreeMap<String, Double> before = env.healthCounters();
        assertThat(before.toString(), before.get("a:routable"), is(1.0));
        assertThat(before.toString(), before.get("b:routable"), is(1.0));
        Random random = new Random(100);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            String head = "POST /v1/buynow/carts HTTP/1.1\r\nHost: shop\r\nAuthorization: " + env.bearer("edge-it-" + (i % 20))
                    + "\r\nContent-Type: application/json\r\n";
            try (RawHttp raw = new RawHttp(env.proxyPort)) {
                String outcome;
                switch (i % 4) {
                    // The attack of issue 12: both framings, a body that is neither.
                    case 0 -> {
                        raw.send(head + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
                        outcome = answer(raw);
                    }
                    // Short of its length, then the client stops sending.
                    case 1 -> {
                        raw.send(head + "Content-Length: 200\r\n\r\n{\"items\":[" + " ".repeat(random.nextInt(100)));
                        raw.shutdownOutput();
                        outcome = answer(raw);
                    }
                    // A bad chunk size after a good chunk: the cluster was already called.
                    case 2 -> {
                        raw.send(head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\nzz\r\nxx\r\n0\r\n\r\n");
                        outcome = answer(raw);
                    }
                    // Reset by the client mid-body.
                    default -> {
                        raw.send(head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n");
                        Thread.sleep(5);
                        raw.reset();
                        outcome = "reset by the client";
                    }
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        // Longer than the active health interval: a transition would have shown by now.
        Thread.sleep(2500);
        TreeMap<String, Double> after = env.healthCounters();
        System.out.println("edge: 100 client-fault requests through the proxy: " + outcomes + "; health before " + before
                + ", after " + after);
        assertThat(outcomes.toString(), outcomes.getOrDefault("400", 0), is(75));
        assertThat(after, is(before));
    }

    private static String answer(RawHttp raw) throws Exception {
        RawHttp.Response r = raw.read();
        assertThat(r.body(), r.header("content-type"), containsString("application/json"));
        assertThat(r.body(), containsString("\"hint\":"));
        return Integer.toString(r.status());
    }

    @Test
    void aForgedUserSentStraightToAClusterIs401() throws Exception {
        IdentityAssertions real = IdentityAssertions.of(env.get(IdentityAssertions.SECRET_KEY), IdentityAssertions.DEFAULT_TTL);
        IdentityAssertions other = IdentityAssertions.of("not-the-env-secret-but-long-enough-0123", IdentityAssertions.DEFAULT_TTL);
        for (String cluster : new String[] {"a", "b"}) {
            URI addresses = URI.create(env.get("cluster." + cluster + ".url") + "/v1/addresses");
            HttpResponse<String> bare = HTTP.send(HttpRequest.newBuilder(addresses).header("X-User-Id", "victim").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bare.body(), bare.statusCode(), is(401));
            assertThat(bare.body(), containsString("\"code\":\"UNAUTHENTICATED\""));
            HttpResponse<String> wrongKey = HTTP.send(HttpRequest.newBuilder(addresses).header("X-User-Id", "victim")
                    .header(IdentityAssertions.HEADER_NAME, other.sign("victim", null)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongKey.body(), wrongKey.statusCode(), is(401));
            HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(addresses).header("X-User-Id", "edge-it-user")
                    .header("X-Request-Id", "edge-it-1").header(IdentityAssertions.HEADER_NAME, real.sign("edge-it-user", "edge-it-1"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.body(), signed.statusCode(), is(200));
        }
    }

    @Test
    void knobsTakeTheAdminToken() throws Exception {
        for (String service : new String[] {"catalog", "offers", "psp"}) {
            URI knobs = URI.create(env.get(service + ".url") + "/admin/knobs");
            HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(knobs).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(service + ": " + none.body(), none.statusCode(), is(401));
            assertThat(none.body(), containsString("ADMIN_TOKEN_REQUIRED"));
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(knobs)
                    .header("Authorization", "Bearer " + env.get("admin.token")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(service + ": " + token.body(), token.statusCode(), is(200));
        }
    }
}
