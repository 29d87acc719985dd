package io.tandem.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The fault proxy (apps/faults) for chaos scenarios: sets and clears toxics on its routes over the admin API
 * ({@code faults.url}, {@code admin.token} and the route names, {@code faults.routes}, from env.properties).
 * Closing it clears every route, so a scenario in try-with-resources never leaves a fault behind.
 * <pre>
 * try (Faults faults = Faults.of(env)) {
 *     faults.latency("db-a", 200, 20);
 *     ...
 * }
 * </pre>
 */
public final class Faults implements AutoCloseable {
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final String url;
    private final String token;
    private final List<String> routes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ADMIN_TIMEOUT).build();

    Faults(String url, String token, List<String> routes) {
        this.url = url;
        this.token = token;
        this.routes = List.copyOf(routes);
    }

    public static Faults of(Env env) {
        return new Faults(env.get("faults.url"), env.get("admin.token"),
                Arrays.stream(env.get("faults.routes").split(",")).map(String::strip).toList());
    }

    /** The routes the environment has (db-a, psp, redis-a in envs/local). */
    public List<String> routes() {
        return routes;
    }

    /** Replaces a route's toxics with the JSON given (see apps/faults README); answers the route as JSON. */
    public String set(String route, String toxicsJson) {
        return send("PUT", "/admin/routes/" + route + "/toxics", toxicsJson);
    }

    public String latency(String route, int millis, int jitterMillis) {
        return set(route, "{\"latencyMs\":" + millis + ",\"jitterMs\":" + jitterMillis + "}");
    }

    public String blackhole(String route) {
        return set(route, "{\"blackhole\":true}");
    }

    public String reset(String route) {
        return set(route, "{\"reset\":true}");
    }

    public String bandwidth(String route, int kilobytesPerSecond) {
        return set(route, "{\"bandwidthKBps\":" + kilobytesPerSecond + "}");
    }

    public String clear(String route) {
        return send("DELETE", "/admin/routes/" + route + "/toxics", null);
    }

    /** The route's state: toxics, connections, bytes. */
    public String describe(String route) {
        return send("GET", "/admin/routes/" + route, null);
    }

    public void clearAll() {
        send("DELETE", "/admin/toxics", null);
    }

    @Override
    public void close() {
        clearAll();
    }

    private String send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(ADMIN_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("fault proxy: " + method + " " + path + " answered "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy at " + url + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
