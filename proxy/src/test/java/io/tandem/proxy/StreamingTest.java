package io.tandem.proxy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Bodies pass through as streams both ways, and the size limit holds for declared and chunked bodies. */
class StreamingTest {
    private static final int LIMIT = 4 * 1024 * 1024;
    private static ProxyHarness h;
    private static String user;

    @BeforeAll
    static void start() throws Exception {
        h = new ProxyHarness(Map.of("proxy.max-request-bytes", Integer.toString(LIMIT)));
        user = h.userOn("a");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void largeBodiesArriveWhole() throws Exception {
        byte[] body = TestBackend.pattern(3 * 1024 * 1024);
        try (Http1ClientResponse r = h.client.post("/v1/buynow/upload").header(HeaderNames.AUTHORIZATION, h.bearer(user))
                .submit(body)) {
            assertThat(r.status().code(), is(200));
            assertThat(r.as(String.class), containsString("sha=" + sha(body)));
        }
        long size = 16L * 1024 * 1024;
        try (Http1ClientResponse r = h.client.get("/big").queryParam("bytes", Long.toString(size)).header(HeaderNames.AUTHORIZATION, h.bearer(user))
                .request();
             InputStream in = r.inputStream()) {
            assertThat(r.status().code(), is(200));
            MessageDigest sha = TestBackend.sha256();
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                total += n;
            }
            assertThat(total, is(size));
            assertThat(HexFormat.of().formatHex(sha.digest()), is(sha(TestBackend.pattern(size))));
        }
    }

    @Test
    void responseIsPassedOnBeforeTheClusterHasFinishedIt() throws Exception {
        h.a.releaseSecondHalf = new CountDownLatch(1);
        try (Http1ClientResponse r = h.client.get("/stream-out").header(HeaderNames.AUTHORIZATION, h.bearer(user))
                .request();
             InputStream in = r.inputStream()) {
            // The cluster holds back the second half until the client has seen the first: a buffering proxy
            // would deliver nothing here.
            String first = CompletableFuture.supplyAsync(() -> readLine(in)).get(5, TimeUnit.SECONDS);
            assertThat(first, is("first-half"));
            h.a.releaseSecondHalf.countDown();
            assertThat(readLine(in), is("second-half"));
        }
    }

    @Test
    void requestIsPassedOnBeforeTheClientHasFinishedIt() throws Exception {
        h.a.firstChunkIn = new CountDownLatch(1);
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send("POST /stream-in HTTP/1.1\r\nHost: x\r\nAuthorization: " + h.bearer(user)
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.chunk(new byte[4096]);
            // The client sends nothing more until the cluster has received the first chunk.
            assertThat(h.a.firstChunkIn.await(5, TimeUnit.SECONDS), is(true));
            raw.chunk(new byte[4096]);
            raw.lastChunk();
            RawHttp.Response r = raw.read();
            assertThat(r.status(), is(200));
            assertThat(r.body(), is("bytes=8192"));
        }
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedUnsent() throws Exception {
        int before = h.a.requests.get();
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send("POST /v1/buynow HTTP/1.1\r\nHost: x\r\nAuthorization: " + h.bearer(user)
                    + "\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");
            RawHttp.Response r = raw.read();
            assertThat(r.status(), is(413));
            assertThat(r.body(), containsString("\"code\":\"REQUEST_TOO_LARGE\""));
        }
        assertThat(h.a.requests.get(), is(before));
    }

    @Test
    void chunkedBodyOverTheLimitIsCutOff() throws Exception {
        try (RawHttp raw = new RawHttp(h.port())) {
            raw.send("POST /v1/buynow HTTP/1.1\r\nHost: x\r\nAuthorization: " + h.bearer(user)
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i <= LIMIT / chunk.length; i++) {
                raw.chunk(chunk);
            }
            raw.lastChunk();
            RawHttp.Response r = raw.read();
            assertThat(r.status(), is(413));
            assertThat(r.body(), containsString("REQUEST_TOO_LARGE"));
        }
    }

    private static String readLine(InputStream in) {
        try {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.append((char) c);
            }
            return b.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha(byte[] bytes) {
        return HexFormat.of().formatHex(TestBackend.sha256().digest(bytes));
    }
}
