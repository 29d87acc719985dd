package io.tandem.proxy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;

import io.tandem.proxy.identity.Identity;
import io.tandem.proxy.routing.StaticRoutingFlags;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The proxy in front of the environment's real clusters A and B: routing by bucket reaches the right cluster, and
 * a session key issued by a real cart service keeps the checkout on its cluster whatever the weights say.
 */
class RealClustersIT {
    private static final io.helidon.http.HeaderName SESSION_KEY = HeaderNames.create("X-Session-Key");
    private static TandemProxy proxy;
    private static StaticRoutingFlags flags;
    private static WebServer server;
    private static Http1Client client;
    private static Identity identity;

    @BeforeAll
    static void start() throws Exception {
        Path envFile = Path.of(System.getProperty("tandem.env.file", "../.run/local/env.properties"));
        assertThat("the local environment is up (" + envFile + ")", Files.exists(envFile), is(true));
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(envFile)) {
            env.load(in);
        }
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("session.secret", env.getProperty("session.secret"));
        // The clusters believe a user only with an assertion under the env's secret.
        values.put("identity.secret", env.getProperty("identity.secret"));
        values.put("proxy.clusters.0.name", "a");
        values.put("proxy.clusters.0.url", env.getProperty("cluster.a.url"));
        values.put("proxy.clusters.0.primary", "true");
        values.put("proxy.clusters.1.name", "b");
        values.put("proxy.clusters.1.url", env.getProperty("cluster.b.url"));
        values.put("proxy.flags.source", "static");
        values.put("proxy.flags.static.weights.a", "50");
        values.put("proxy.flags.static.weights.b", "50");
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml")).build();
        flags = (StaticRoutingFlags) TandemProxy.flags(config);
        proxy = TandemProxy.create(config, flags).start();
        server = Main.server(config, proxy).start();
        client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
        identity = Identity.create(config.get("identity.jwt"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
            proxy.close();
        }
    }

    @Test
    void newSessionsReachTheClusterOfTheirBucket() {
        for (String cluster : new String[] {"a", "b"}) {
            String user = userOn(cluster);
            try (Http1ClientResponse r = client.get("/v1/cluster").header(HeaderNames.AUTHORIZATION, bearer(user)).request()) {
                assertThat(r.status().code(), is(200));
                assertThat(r.as(String.class), containsString("\"cluster\":\"" + cluster + "\""));
            }
        }
    }

    @Test
    void aRealSessionKeyKeepsTheCheckoutOnItsCluster() {
        String user = userOn("b");
        String cartId;
        String key;
        try (Http1ClientResponse r = client.post("/v1/buynow/carts").header(HeaderNames.AUTHORIZATION, bearer(user))
                .header(HeaderNames.create("Idempotency-Key"), UUID.randomUUID().toString())
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"productId\":\"P00001\",\"quantity\":1}")) {
            String body = r.as(String.class);
            assertThat(body, r.status().code(), is(201));
            key = r.headers().first(SESSION_KEY).orElseThrow();
            cartId = body.replaceAll("(?s).*\"cartId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
        assertThat(key.startsWith("b."), is(true));
        flags.weights(Map.of("a", 100, "b", 0), Map.of());
        try {
            try (Http1ClientResponse r = client.get("/v1/buynow/carts/" + cartId).header(HeaderNames.AUTHORIZATION, bearer(user))
                    .header(SESSION_KEY, key).request()) {
                assertThat("with its key the cart is found on b", r.status().code(), is(200));
            }
            try (Http1ClientResponse r = client.get("/v1/buynow/carts/" + cartId).header(HeaderNames.AUTHORIZATION, bearer(user))
                    .request()) {
                assertThat("without it the user is a new session, on a, where the cart is not", r.status().code(), is(404));
            }
        } finally {
            flags.weights(Map.of("a", 50, "b", 50), Map.of());
        }
    }

    private static String userOn(String cluster) {
        for (int i = 0; i < 10_000; i++) {
            String user = "proxy-it-" + UUID.randomUUID();
            if (flags.clusterFor(user).equals(cluster)) {
                return user;
            }
        }
        throw new IllegalStateException();
    }

    private static String bearer(String user) {
        return "Bearer " + identity.mint(user, null);
    }
}
