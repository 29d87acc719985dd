package io.tandem.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The measuring of OpsUi, against a small HTTP server that answers buy-now carts like the proxy: users whose number
 * is a multiple of 3 start on B, the others on A; each cluster prices with the kill switch from a moment the test
 * chooses. (The real UI, proxy and clusters are what {@code chaos ops-ui} runs against.)
 */
class PropagationTest {
    private volatile long markNanos;
    private volatile long aSwitchesAfterMs;
    private volatile long bSwitchesAfterMs = Long.MAX_VALUE;
    /** B's shoppers (users 0, 3, 6, ...; taken in turn) alternate: killed, discounted, killed, ... */
    private volatile boolean bFlaps;
    private HttpServer server;
    private CartPricer pricer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/buynow/carts", exchange -> {
            String user = exchange.getRequestHeaders().getFirst("Idempotency-Key").replaceAll("\\.cart\\d+$", "");
            int number = Integer.parseInt(user.substring(user.lastIndexOf('-') + 1));
            boolean onB = number % 3 == 0;
            long sinceMark = (System.nanoTime() - markNanos) / 1_000_000;
            boolean bKilled = bFlaps ? number / 3 % 2 == 0 : sinceMark >= bSwitchesAfterMs;
            boolean killed = markNanos != 0 && (onB ? bKilled : sinceMark >= aSwitchesAfterMs);
            String price = killed ? "\"discountStatus\":\"SKIPPED_KILL_SWITCH\",\"discountCents\":0"
                    : "\"discountStatus\":\"APPLIED\",\"discountCents\":420";
            byte[] body = ("{\"cartId\":\"c1\",\"sessionKey\":\"" + (onB ? "b" : "a") + ".1.x.mac\",\"price\":{" + price + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Properties props = new Properties();
        props.setProperty("proxy.url", "http://127.0.0.1:" + server.getAddress().getPort());
        pricer = new CartPricer(new Env(Path.of("test.properties"), props), "t-");
        pricer.findShoppers();
    }

    @AfterEach
    void stop() {
        pricer.close();
        server.stop(0);
    }

    @Test
    void findsShoppersOnBothClusters() {
        assertThat(pricer.clusterList().toString(), is("[a, b]"));
    }

    @Test
    void theFigureIsTheSlowestClusters() {
        aSwitchesAfterMs = 200;
        long switchB = 600;
        bSwitchesAfterMs = switchB;
        markNanos = System.nanoTime();
        Propagation.Result result = Propagation.await(pricer, CartPricer.Price::killSwitched, markNanos, Duration.ofSeconds(5));
        assertThat(result.reached(), is(true));
        // B's first killed cart was sent at +600 ms at the earliest, within a tick or two after it
        assertThat(result.millis(), greaterThanOrEqualTo(switchB - Propagation.TICK_MS));
        assertThat(result.millis(), lessThan(switchB + 4 * Propagation.TICK_MS + 200));
        assertThat(result.byCluster().get('a').sentMs(), lessThan(result.byCluster().get('b').sentMs()));
    }

    @Test
    void aClusterThatNeverSwitchesIsNotReached() {
        aSwitchesAfterMs = 0;
        markNanos = System.nanoTime();
        Propagation.Result result = Propagation.await(pricer, CartPricer.Price::killSwitched, markNanos, Duration.ofMillis(800));
        assertThat(result.reached(), is(false));
        assertThat(result.byCluster().containsKey('a'), is(true));
        assertThat(result.byCluster().containsKey('b'), is(false));
    }

    @Test
    void aClusterThatFlipsBackAndForthIsNotReached() {
        aSwitchesAfterMs = 0;
        bFlaps = true;
        markNanos = System.nanoTime();
        Propagation.Result result = Propagation.await(pricer, CartPricer.Price::killSwitched, markNanos, Duration.ofMillis(800));
        assertThat(result.reached(), is(false));
    }
}
