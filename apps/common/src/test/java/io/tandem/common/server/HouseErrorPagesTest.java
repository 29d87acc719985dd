package io.tandem.common.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A real server with the house pages, sent what Helidon refuses before routing: each answer is the house JSON
 * shape with its status, closes the connection, and echoes nothing of the request (Helidon's default page
 * quoted the parser's message and a hex dump of the bytes).
 */
class HouseErrorPagesTest {
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = HouseErrorPages.apply(WebServer.builder().host("127.0.0.1").port(0))
                .routing(r -> r.any((req, res) -> res.send("ok")))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            // Read to the end: the server must close the connection after a refusal before routing.
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertHouse(String answer, String status, String code) {
        assertThat(answer, startsWith("HTTP/1.1 " + status));
        assertThat(answer.toLowerCase(), containsString("content-type: application/json"));
        assertThat(answer.toLowerCase(), containsString("connection: close"));
        assertThat(answer, containsString("{\"code\":\"" + code + "\",\"message\":"));
        assertThat(answer, containsString("\"hint\":"));
        assertThat(answer, not(containsString("secret-value")));
        assertThat(answer, not(containsString("see server log")));
    }

    @Test
    void obsFoldAndBadHeaderLinesAreTheHouseShape() throws IOException {
        assertHouse(exchange("GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n secret-value\r\n\r\n"), "400", "MALFORMED_REQUEST");
        assertHouse(exchange("GET / HTTP/1.1\r\nHost: x\r\nno colon secret-value\r\n\r\n"), "400", "MALFORMED_REQUEST");
        assertHouse(exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: secret-value\r\n\r\n"), "400", "MALFORMED_REQUEST");
        assertHouse(exchange("BLAH\r\n\r\n"), "400", "MALFORMED_REQUEST");
        // Bad characters in the method or a header name: Helidon calls these internal errors; they are the client's.
        assertHouse(exchange("P\u00d6ST / HTTP/1.1\r\nHost: x\r\n\r\n"), "400", "MALFORMED_REQUEST");
        assertHouse(exchange("GET / HTTP/1.1\r\nHost: x\r\nX Sp\u0001ce: secret-value\r\n\r\n"), "400", "MALFORMED_REQUEST");
        assertHouse(exchange("GET / HTTP/1.1\r\n\r\n"), "400", "MALFORMED_REQUEST");
    }

    @Test
    void oversizeHeadsAre431And414() throws IOException {
        assertHouse(exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "v".repeat(20_000) + "secret-value\r\n\r\n"), "431",
                "HEADERS_TOO_LARGE");
        assertHouse(exchange("GET /" + "p".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), "414", "URI_TOO_LONG");
    }

    @Test
    void aBadChunkSizeIsTheHouseShape() throws IOException {
        // Read by the server after the handler answered without reading the body: it consumes the entity, fails.
        String answer = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz-secret-value\r\n\r\n");
        assertThat(answer, startsWith("HTTP/1.1 200"));
        assertThat(answer, not(containsString("secret-value")));
    }
}
