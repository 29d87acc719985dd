package io.tandem.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.proxy.identity.Identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The running envs/local as the edge ITs see it: the deployed proxy (its port, its pid for memory, its metrics),
 * the clusters' URLs, and tokens minted with the proxy's own key (application.yaml, as {@code ./tandem token}).
 */
final class EdgeEnv {
    private static final Pattern TRANSITION = Pattern.compile(
            "tandem_proxy_health_transitions_total\\{cluster=\"(\\w+)\",(?:[^}]*,)?to=\"(\\w+)\"[^}]*} ([0-9.E]+)");
    private static final Pattern ROUTABLE = Pattern.compile(
            "tandem_proxy_cluster_routable\\{cluster=\"(\\w+)\"[^}]*} ([0-9.E]+)");
    private final Properties env = new Properties();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Identity identity;
    final URI proxy;
    final int proxyPort;

    EdgeEnv() throws IOException {
        Path envFile = Path.of(System.getProperty("tandem.env.file", "../.run/local/env.properties"));
        assertThat("the local environment is up (" + envFile + ")", Files.exists(envFile), is(true));
        try (InputStream in = Files.newInputStream(envFile)) {
            env.load(in);
        }
        proxy = URI.create(get("proxy.url"));
        proxyPort = proxy.getPort();
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.classpath("application.yaml")).build();
        identity = Identity.create(config.get("identity.jwt"));
    }

    String get(String key) {
        String value = env.getProperty(key);
        assertThat("env.properties has " + key, value != null, is(true));
        return value.strip();
    }

    String bearer(String user) {
        return "Bearer " + identity.mint(user, null);
    }

    String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Every health transition the proxy counted so far, by "cluster:to", and each cluster's routable gauge. */
    TreeMap<String, Double> healthCounters() throws IOException, InterruptedException {
        String metrics = get(proxy.resolve("/observe/metrics"));
        TreeMap<String, Double> counters = new TreeMap<>();
        Matcher m = TRANSITION.matcher(metrics);
        while (m.find()) {
            counters.put(m.group(1) + ":" + m.group(2), Double.parseDouble(m.group(3)));
        }
        m = ROUTABLE.matcher(metrics);
        while (m.find()) {
            counters.put(m.group(1) + ":routable", Double.parseDouble(m.group(2)));
        }
        return counters;
    }

    /** The deployed proxy's resident memory in KiB (from its pid file), or -1 when it cannot be read. */
    long proxyRssKib() {
        try {
            String pid = Files.readString(Path.of(get("run.dir"), "pids", "proxy.pid")).strip();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
