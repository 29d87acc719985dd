package io.tandem.proxy;

import java.io.IOException;
import java.util.List;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.proxy.cluster.HealthState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The edge's framing rules, one by one, on a raw socket: each refused in the house shape before a cluster is
 * called (or, inside a streamed body, without counting against the cluster), the connection closed, nothing of
 * the request echoed; and the cluster's health untouched by any of it.
 */
class EdgeFramingTest {
    private static ProxyHarness h;
    private static String bearer;

    @BeforeAll
    static void start() throws Exception {
        h = new ProxyHarness();
        bearer = h.bearer("eve");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String head(String method, String extraHeaders) {
        return method + " /v1/buynow/carts HTTP/1.1\r\nHost: shop\r\nAuthorization: " + bearer + "\r\n" + extraHeaders;
    }

    /** Sends, reads one answer, and checks it is the house shape with the code, connection closed, no echo. */
    private static RawHttp.Response refused(String request, int status, String code) throws IOException {
        int before = h.a.requests.get() + h.b.requests.get();
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send(request);
            RawHttp.Response r = raw.read();
            assertThat(r.body(), r.status(), is(status));
            assertThat(r.header("content-type"), startsWith("application/json"));
            assertThat(r.body(), containsString("\"code\":\"" + code + "\""));
            assertThat(r.body(), containsString("\"hint\":"));
            assertThat(r.header("connection"), is("close"));
            assertThat(r.body(), not(containsString("eve")));
            assertThat(r.body(), not(containsString("Bearer")));
            assertThat(h.a.requests.get() + h.b.requests.get(), is(before));
            return r;
        }
    }

    private static void clustersUp() {
        for (var cluster : h.proxy.clusters().all()) {
            assertThat(cluster.name(), cluster.health().state(), is(HealthState.UP));
        }
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedUpFrontAndTwelveOfThemLeaveTheClustersUp() throws Exception {
        for (int i = 0; i < 12; i++) {
            refused(head("POST", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400,
                    "AMBIGUOUS_FRAMING");
        }
        clustersUp();
    }

    @Test
    void duplicateOrMalformedContentLengthIsRefused() throws Exception {
        refused(head("POST", "Content-Length: 35\r\nContent-Length: 5\r\n\r\n{\"a\":1}"), 400, "BAD_CONTENT_LENGTH");
        refused(head("POST", "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"), 400, "BAD_CONTENT_LENGTH");
        refused(head("POST", "Content-Length: +5\r\n\r\nhello"), 400, "BAD_CONTENT_LENGTH");
        // A list in one line is not a number to Helidon either: refused before routing, by the house page.
        refused(head("POST", "Content-Length: 5, 5\r\n\r\nhello"), 400, "MALFORMED_REQUEST");
        // Not a number at all: Helidon refuses it before routing; the house page answers.
        refused(head("POST", "Content-Length: abc\r\n\r\nhello"), 400, "MALFORMED_REQUEST");
        clustersUp();
    }

    @Test
    void transferEncodingOtherThanChunkedIsRefused() throws Exception {
        refused(head("POST", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"), 400, "UNSUPPORTED_TRANSFER_ENCODING");
        refused(head("POST", "Transfer-Encoding: identity\r\n\r\nhello"), 400, "UNSUPPORTED_TRANSFER_ENCODING");
        refused(head("POST", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400,
                "UNSUPPORTED_TRANSFER_ENCODING");
    }

    @Test
    void hostMustBeThereOnceAndTheMethodOneTheClustersServe() throws Exception {
        refused("GET /v1/buynow/carts HTTP/1.1\r\nAuthorization: " + bearer + "\r\n\r\n", 400, "BAD_HOST");
        refused(head("GET", "Host: other\r\n\r\n"), 400, "BAD_HOST");
        refused(head("TRACE", "\r\n"), 405, "METHOD_NOT_ALLOWED");
        refused(head("CONNECT", "\r\n"), 405, "METHOD_NOT_ALLOWED");
        // A method that is not even a token: Helidon's parser refuses it, the house page answers 400 (not 500).
        refused(head("P\u00d6ST", "\r\n"), 400, "MALFORMED_REQUEST");
        clustersUp();
    }

    @Test
    void obsFoldIsRefusedInTheHouseShapeWithoutAHexDump() throws Exception {
        RawHttp.Response r = refused(head("GET", "X-Folded: first\r\n  second-line-secret\r\n\r\n"), 400,
                "MALFORMED_REQUEST");
        assertThat(r.body(), not(containsString("second-line-secret")));
        assertThat(r.body(), not(containsString("0000")));
    }

    @Test
    void headerLinesAndBlocksOverTheLimitsAre431() throws Exception {
        refused(head("GET", "X-Long: " + "x".repeat(RequestFraming.DEFAULT_MAX_HEADER_LINE) + "\r\n\r\n"), 431,
                "HEADERS_TOO_LARGE");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= RequestFraming.DEFAULT_MAX_HEADER_COUNT; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        refused(head("GET", many + "\r\n"), 431, "HEADERS_TOO_LARGE");
        // Over Helidon's max-headers-size (16 KiB) in lines each under the line limit: refused by the parser.
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            block.append("X-B").append(i).append(": ").append("y".repeat(4000)).append("\r\n");
        }
        refused(head("GET", block + "\r\n"), 431, "HEADERS_TOO_LARGE");
        refused("GET /" + "p".repeat(5000) + " HTTP/1.1\r\nHost: shop\r\n\r\n", 414, "URI_TOO_LONG");
        clustersUp();
    }

    @Test
    void aGoodRequestCarriesASignedIdentityTheClusterCanVerify() throws Exception {
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send(head("POST", "X-Request-Id: edge-1\r\nX-User-Id: mallory\r\nX-Identity-Assertion: v1.9999999999.forged\r\n"
                    + "Content-Length: 2\r\n\r\n{}"));
            RawHttp.Response r = raw.read();
            assertThat(r.body(), r.status(), is(200));
        }
        var seen = h.a.requests.get() > 0 && h.a.lastHeaders.containsKey("x-identity-assertion")
                && "edge-1".equals(first(h.a.lastHeaders.get("x-request-id"))) ? h.a.lastHeaders : h.b.lastHeaders;
        assertThat(seen.get("x-user-id"), is(List.of("eve")));
        assertThat(seen.get("x-identity-assertion").size(), is(1));
        IdentityAssertions assertions = IdentityAssertions.create(h.config);
        assertThat(assertions.verify("eve", "edge-1", seen.get("x-identity-assertion").get(0)), is(true));
        assertThat(assertions.verify("mallory", "edge-1", seen.get("x-identity-assertion").get(0)), is(false));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
