package io.tandem.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.config.Config;

/**
 * Every route of the fault proxy, from the {@code faults} config node:
 * <pre>
 * faults:
 *   listen-host: 127.0.0.1           # where route listeners bind
 *   connect-timeout: PT2S            # to an upstream (DESIGN.md: 2 s to a database); the client is reset after it
 *   buffer-size: 32768               # bytes, one buffer per direction per connection
 *   routes:
 *     - {name: db-a, listen: 23306, upstream: "127.0.0.1:13306"}
 * </pre>
 */
public final class FaultProxy implements AutoCloseable {
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_BUFFER_SIZE = 32 * 1024;

    private final Map<String, Route> routes;

    private FaultProxy(Map<String, Route> routes) {
        this.routes = routes;
    }

    /** Opens every configured route; fails (closing what it opened) when a port is taken or a route is malformed. */
    public static FaultProxy start(Config faults) {
        String host = faults.get("listen-host").asString().orElse(DEFAULT_LISTEN_HOST);
        Duration connectTimeout = faults.get("connect-timeout").as(Duration.class).orElse(DEFAULT_CONNECT_TIMEOUT);
        int bufferSize = faults.get("buffer-size").asInt().orElse(DEFAULT_BUFFER_SIZE);
        Map<String, Route> routes = new LinkedHashMap<>();
        try {
            for (Config node : faults.get("routes").asNodeList().orElse(List.of())) {
                RouteSpec spec = RouteSpec.from(node, host);
                if (routes.containsKey(spec.name())) {
                    throw new IllegalArgumentException("route " + spec.name() + " is configured twice");
                }
                routes.put(spec.name(), Route.open(spec, connectTimeout, bufferSize));
            }
        } catch (IOException | RuntimeException e) {
            routes.values().forEach(Route::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("a fault proxy route could not listen: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        return new FaultProxy(routes);
    }

    public List<String> names() {
        return new ArrayList<>(routes.keySet());
    }

    Optional<Route> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    List<Route> routes() {
        return List.copyOf(routes.values());
    }

    /** The port a route listens on (tests configure 0 and ask). */
    public int port(String route) {
        return route(route).orElseThrow().port();
    }

    /** Sets a route's toxics (tests; the admin API goes through the same method). */
    public void set(String route, Toxics toxics) {
        route(route).orElseThrow().set(toxics);
    }

    /** Clears every route. */
    public void clearAll() {
        routes.values().forEach(r -> r.set(Toxics.NONE));
    }

    @Override
    public void close() {
        routes.values().forEach(Route::close);
    }
}
