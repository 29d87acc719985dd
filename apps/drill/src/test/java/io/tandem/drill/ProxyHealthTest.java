package io.tandem.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Against a small server answering the proxy's health document, with B recovering until the test says. */
class ProxyHealthTest {
    private volatile String stateOfB = "RECOVERING";
    private HttpServer server;
    private ProxyHealth health;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/observe/health", exchange -> {
            byte[] body = ("{\"status\":\"UP\",\"checks\":[{\"name\":\"deadlock\",\"status\":\"UP\"},"
                    + "{\"name\":\"clusters\",\"status\":\"UP\",\"data\":{\"a\":\"UP\",\"b\":\"" + stateOfB + "\"}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        health = new ProxyHealth("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsEachClusterState() {
        assertThat(health.clusters().toString(), is("{a=UP, b=RECOVERING}"));
    }

    @Test
    void waitsForARecoveringClusterAndSaysWhatItSawWhenTimeRunsOut() {
        assertThat(health.awaitAllUp(Duration.ofMillis(600)), containsString("b=RECOVERING"));

        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            stateOfB = "UP";
        });
        assertThat(health.awaitAllUp(Duration.ofSeconds(10)), is(nullValue()));
    }

    @Test
    void aProxyThatDoesNotAnswerIsNotSettled() {
        server.stop(0);
        assertThat(health.awaitAllUp(Duration.ofMillis(300)), containsString("{}"));
    }
}
