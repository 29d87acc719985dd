package io.tandem.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the helper sends to the fault proxy's admin API, seen by a real HTTP server. */
class FaultsTest {
    @Test
    void setsAndClearsWithTheTokenAndClearsEverythingOnClose() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            boolean known = !exchange.getRequestURI().getPath().contains("/nope/");
            byte[] answer = (known ? "{}" : "{\"code\":\"ROUTE_NOT_FOUND\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            try (Faults faults = new Faults("http://127.0.0.1:" + server.getAddress().getPort(), "tok", List.of("db-a"))) {
                faults.latency("db-a", 200, 20);
                faults.blackhole("db-a");
                faults.clear("db-a");
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> faults.reset("nope"));
                assertThat(refused.getMessage(), containsString("404"));
            }
        } finally {
            server.stop(0);
        }
        assertThat(seen, contains(
                "PUT /admin/routes/db-a/toxics Bearer tok {\"latencyMs\":200,\"jitterMs\":20}",
                "PUT /admin/routes/db-a/toxics Bearer tok {\"blackhole\":true}",
                "DELETE /admin/routes/db-a/toxics Bearer tok ",
                "PUT /admin/routes/nope/toxics Bearer tok {\"reset\":true}",
                "DELETE /admin/toxics Bearer tok "));
    }
}
