package io.tandem.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;

import io.tandem.common.session.SessionKeys;
import io.tandem.proxy.identity.Identity;
import io.tandem.proxy.routing.StaticRoutingFlags;

/** Two plain backends standing for clusters A and B, and a real proxy in front of them on a free port. */
final class ProxyHarness implements AutoCloseable {
    static final String SESSION_SECRET = "harness-session-secret-0123456789";
    static final String JWT_SECRET = "harness-jwt-secret-0123456789abcdefgh";
    static final String ADMIN_TOKEN = "harness-admin-token";

    final TestBackend a;
    final TestBackend b;
    final Config config;
    final TandemProxy proxy;
    final StaticRoutingFlags flags;
    final WebServer server;
    final Http1Client client;
    final SessionKeys keys;
    final Identity identity;

    ProxyHarness(Map<String, String> overrides) throws IOException {
        a = new TestBackend("a");
        b = new TestBackend("b");
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("session.secret", SESSION_SECRET);
        values.put("identity.jwt.secret", JWT_SECRET);
        values.put("proxy.admin.token", ADMIN_TOKEN);
        values.put("proxy.clusters.0.name", "a");
        values.put("proxy.clusters.0.url", a.url());
        values.put("proxy.clusters.0.primary", "true");
        values.put("proxy.clusters.1.name", "b");
        values.put("proxy.clusters.1.url", b.url());
        values.put("proxy.health.interval", "PT0.1S");
        values.put("proxy.health.timeout", "PT0.2S");
        values.put("proxy.health.unhealthy-threshold", "2");
        values.put("proxy.health.healthy-threshold", "2");
        values.put("proxy.health.failback-delay", "PT0.5S");
        values.put("proxy.flags.source", "static");
        values.put("proxy.flags.static.weights.a", "50");
        values.put("proxy.flags.static.weights.b", "50");
        values.putAll(overrides);
        config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
        flags = (StaticRoutingFlags) TandemProxy.flags(config);
        proxy = TandemProxy.create(config, flags).start();
        server = Main.server(config, proxy).start();
        client = Http1Client.builder()
                .baseUri("http://127.0.0.1:" + server.port())
                .readTimeout(Duration.ofSeconds(20))
                .build();
        keys = SessionKeys.create(config.get("session"));
        identity = Identity.create(config.get("identity.jwt"));
    }

    ProxyHarness() throws IOException {
        this(Map.of());
    }

    int port() {
        return server.port();
    }

    /**
     * The sum of every series of the proxy's /observe/metrics whose line starts with {@code seriesPrefix} and
     * contains each of {@code labels}. Meters are global to the test JVM (earlier tests' proxies count into them too):
     * compare a reading before and after what a test does.
     */
    double metric(String seriesPrefix, String... labels) {
        try (io.helidon.webclient.http1.Http1ClientResponse r = client.get("/observe/metrics").request()) {
            return r.as(String.class).lines()
                    .filter(l -> l.startsWith(seriesPrefix) && java.util.Arrays.stream(labels).allMatch(l::contains))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }

    String bearer(String user) {
        return "Bearer " + identity.mint(user, null);
    }

    /** A user whose cluster_routing bucket falls on the given cluster under the current weights. */
    String userOn(String cluster) {
        for (int i = 0; i < 10_000; i++) {
            String user = "user-" + cluster + "-" + i;
            if (flags.clusterFor(user).equals(cluster)) {
                return user;
            }
        }
        throw new IllegalStateException("No user lands on " + cluster);
    }

    @Override
    public void close() {
        server.stop();
        proxy.close();
        a.close();
        b.close();
    }
}
