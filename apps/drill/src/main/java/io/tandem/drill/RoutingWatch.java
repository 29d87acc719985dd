package io.tandem.drill;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The proxy's view of the clusters while a scenario runs, as transitions with their time: the admin view
 * {@code GET /proxy/admin/clusters} (state, and {@code weight} / {@code outlier} where the proxy has them), else the
 * public health document's states. Polled every {@link #DEFAULT_INTERVAL} on a thread of its own; stop with
 * {@link #close()}.
 */
final class RoutingWatch implements AutoCloseable {
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** The proxy's own default (proxy README); envs/local does not set another. */
    static final String DEFAULT_ADMIN_TOKEN = "tandem-local-proxy-admin";

    /** One change of what the proxy says about a cluster. */
    record Transition(long atMillis, String cluster, String view) {
    }

    private final URI admin;
    private final String token;
    private final ProxyHealth health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ConcurrentLinkedQueue<Transition> transitions = new ConcurrentLinkedQueue<>();
    private final Map<String, String> last = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running;

    /** A watch that does not poll, holding the transitions given (tests). */
    static RoutingWatch replay(List<Transition> seen) {
        RoutingWatch watch = new RoutingWatch(null, null, null, false);
        watch.transitions.addAll(seen);
        return watch;
    }

    private RoutingWatch(URI admin, String token, ProxyHealth health, boolean poll) {
        this.admin = admin;
        this.token = token;
        this.health = health;
        this.thread = poll ? Thread.ofVirtual().start(this::loop) : null;
        this.running = poll;
    }

    RoutingWatch(Env env) {
        String proxy = env.get("proxy.url").replaceAll("/$", "");
        this.admin = URI.create(proxy + "/proxy/admin/clusters");
        this.token = env.get("proxy.admin.token", DEFAULT_ADMIN_TOKEN);
        this.health = new ProxyHealth(proxy);
        this.running = true;
        this.thread = Thread.ofVirtual().start(this::loop);
    }

    private void loop() {
        while (running) {
            Map<String, String> now = views();
            long at = System.currentTimeMillis();
            now.forEach((cluster, view) -> {
                if (!view.equals(last.put(cluster, view))) {
                    transitions.add(new Transition(at, cluster, view));
                }
            });
            try {
                Thread.sleep(DEFAULT_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Cluster to its view: {@code state[ weight=N][ outlier=reason]}. */
    Map<String, String> views() {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(admin).timeout(Duration.ofSeconds(1))
                    .header("X-Admin-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                return parseAdmin(res.body());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the public health document below still says the states
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return health.clusters();
    }

    static Map<String, String> parseAdmin(String body) {
        Map<String, String> views = new LinkedHashMap<>();
        JsonObject doc = Json.createReader(new StringReader(body)).readObject();
        for (JsonValue v : doc.getJsonArray("clusters")) {
            JsonObject c = v.asJsonObject();
            StringBuilder view = new StringBuilder(c.getString("state", "?"));
            if (c.containsKey("weight") && c.get("weight").getValueType() == JsonValue.ValueType.NUMBER) {
                view.append(" weight=").append(c.getJsonNumber("weight").intValue());
            }
            // the proxy's outlier detection names its reason "weightReason" (main, 2026-12-01); "outlier" as planned
            for (String reason : java.util.List.of("outlier", "weightReason")) {
                if (c.containsKey(reason) && c.get(reason).getValueType() == JsonValue.ValueType.STRING
                        && !c.getString(reason).isBlank()) {
                    view.append(" outlier=").append(c.getString(reason));
                }
            }
            if (c.getBoolean("drained", false)) {
                view.append(" drained");
            }
            views.put(c.getString("name"), view.toString());
        }
        return views;
    }

    List<Transition> transitions() {
        return new ArrayList<>(transitions);
    }

    /** First time at or after {@code from} that the cluster's view started with {@code prefix}; -1 if never. */
    long firstAt(String cluster, String prefix, long from) {
        return transitions.stream().filter(t -> t.cluster().equals(cluster) && t.atMillis() >= from
                && t.view().startsWith(prefix)).mapToLong(Transition::atMillis).min().orElse(-1);
    }

    /** What the proxy said about the cluster last before {@code at}; "" when nothing was seen. */
    String lastBefore(String cluster, long at) {
        String view = "";
        for (Transition t : transitions) {
            if (t.cluster().equals(cluster) && t.atMillis() < at) {
                view = t.view();
            }
        }
        return view;
    }

    /** Whether the proxy had the cluster UP at that time (true when nothing was seen yet: the scenario starts all UP). */
    boolean upAt(String cluster, long at) {
        String view = lastBefore(cluster, at + 1);
        return view.isEmpty() || view.startsWith("UP");
    }

    /** For how long in [from, to) the proxy did not have the cluster UP, in 100 ms steps. */
    long notUpMillis(String cluster, long from, long to) {
        long down = 0;
        for (long t = from; t < to; t += 100) {
            down += upAt(cluster, t) ? 0 : Math.min(100, to - t);
        }
        return down;
    }

    /** The cluster's transitions relative to {@code zero}: {@code +1.2s UP -> +3.4s FAILING ...}. */
    String timeline(String cluster, long zero) {
        StringBuilder out = new StringBuilder();
        for (Transition t : transitions) {
            if (t.cluster().equals(cluster)) {
                out.append(out.isEmpty() ? "" : " -> ").append(String.format("%+.1fs %s", (t.atMillis() - zero) / 1000.0, t.view()));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
