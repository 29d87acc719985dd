package io.tandem.proxy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** What crosses the proxy: hop-by-hop headers stay, identity comes only from the token, forwarding is set. */
class HeadersTest {
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
    void requestHeadersAreCleanedAndIdentitySetFromTheToken() throws Exception {
        String key = h.keys.issue("b");
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send("GET /v1/buynow/h?q=1%202 HTTP/1.1\r\n"
                    + "Host: shop.example\r\n"
                    + "Authorization: " + h.bearer("alice") + "\r\n"
                    + "X-User-Id: mallory\r\n"
                    + "X-Forwarded-For: 6.6.6.6\r\n"
                    + "X-Forwarded-Host: evil.example\r\n"
                    + "Forwarded: for=6.6.6.6\r\n"
                    + "Connection: keep-alive, X-Custom-Hop\r\n"
                    + "X-Custom-Hop: secret\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "TE: trailers\r\n"
                    + "Proxy-Authorization: Basic eHl6\r\n"
                    + "X-Request-Id: req-123\r\n"
                    + "X-Session-Key: " + key + "\r\n"
                    + "X-Pass: kept\r\n"
                    + "\r\n");
            RawHttp.Response r = raw.read();
            assertThat(r.body(), r.status(), is(200));
            assertThat(r.body(), containsString("path=/v1/buynow/h?q=1%202"));
            Map<String, List<String>> seen = h.b.lastHeaders;
            assertThat(seen.get("x-user-id"), is(List.of("alice")));
            assertThat(seen.get("x-forwarded-for"), is(List.of("127.0.0.1")));
            assertThat(seen.get("x-forwarded-host"), is(List.of("shop.example")));
            assertThat(seen.get("x-forwarded-proto"), is(List.of("http")));
            assertThat(seen.get("x-request-id"), is(List.of("req-123")));
            assertThat(seen.get("x-session-key"), is(List.of(key)));
            assertThat(seen.get("x-pass"), is(List.of("kept")));
            for (String gone : List.of("x-custom-hop", "keep-alive", "te", "proxy-authorization", "authorization",
                    "forwarded")) {
                assertThat(gone, seen.get(gone), nullValue());
            }
            assertThat(seen.get("host"), not(List.of("shop.example")));

            // And the response: hop-by-hop headers of the backend stay behind, the rest (all values) pass.
            assertThat(r.header("x-backend"), is("b"));
            assertThat(r.header("x-hop"), nullValue());
            assertThat(r.header("keep-alive"), nullValue());
            assertThat(r.all("set-cookie"), is(List.of("one=1", "two=2")));
            assertThat(r.all("x-request-id"), is(List.of("req-123")));
        }
    }

    @Test
    void requestIdIsAddedWhenMissingOrOdd() throws Exception {
        for (String sent : new String[] {null, "has spaces and\ttabs", "x".repeat(200)}) {
            try (RawHttp raw = new RawHttp(h.port())) {
                raw.send("GET /v1/buynow/id HTTP/1.1\r\nHost: x\r\nAuthorization: " + h.bearer("bob") + "\r\n"
                        + (sent == null ? "" : "X-Request-Id: " + sent + "\r\n") + "\r\n");
                RawHttp.Response r = raw.read();
                String id = r.header("x-request-id");
                assertThat(id.matches("[0-9a-f]{32}"), is(true));
                TestBackend reached = h.flags.clusterFor("bob").equals("a") ? h.a : h.b;
                assertThat(reached.lastHeaders.get("x-request-id"), is(List.of(id)));
            }
        }
    }

    @Test
    void expiredOrForeignTokensGet401AndNeverReachACluster() throws Exception {
        int before = h.a.requests.get() + h.b.requests.get();
        String expired = "Bearer " + h.identity.mint("carol", java.time.Duration.ofMinutes(-5));
        String foreign = "Bearer " + com.auth0.jwt.JWT.create().withSubject("carol").withIssuer("tandem-local")
                .withAudience("tandem").withExpiresAt(java.time.Instant.now().plusSeconds(600))
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("someone-elses-secret-0123456789abcdef"));
        for (String auth : new String[] {expired, foreign, "Bearer not.a.jwt", "Basic Y2Fyb2w6cHc="}) {
            try (RawHttp raw = new RawHttp(h.port())) {
                raw.send("GET /v1/buynow HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\nX-User-Id: carol\r\n\r\n");
                RawHttp.Response r = raw.read();
                assertThat(auth, r.status(), is(401));
                assertThat(r.body(), containsString("\"code\":\"UNAUTHENTICATED\""));
                assertThat(r.body(), containsString("\"hint\":"));
            }
        }
        assertThat(h.a.requests.get() + h.b.requests.get(), is(before));
    }
}
