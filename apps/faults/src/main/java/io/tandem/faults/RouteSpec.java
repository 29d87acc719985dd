package io.tandem.faults;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import io.helidon.common.config.Config;

/**
 * One route from config ({@code faults.routes.N}): {@code name}, {@code listen} (a port on {@code listen-host};
 * 0 picks a free one, for tests) and {@code upstream} ({@code host:port}).
 */
public record RouteSpec(String name, String listenHost, int listenPort, String upstreamHost, int upstreamPort) {
    /** Route names are path segments of the admin API and metric tags: keep them plain. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public RouteSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("route name '" + name + "' must match " + NAME.pattern());
        }
        if (listenPort < 0 || listenPort > 65_535 || upstreamPort < 1 || upstreamPort > 65_535) {
            throw new IllegalArgumentException("route " + name + ": bad port");
        }
    }

    static RouteSpec from(Config route, String listenHost) {
        String name = route.get("name").asString().orElseThrow(() -> new IllegalArgumentException(
                "faults.routes." + route.name() + ".name is missing"));
        String upstream = route.get("upstream").asString().orElseThrow(() -> new IllegalArgumentException(
                "route " + name + ": upstream (host:port) is missing"));
        int colon = upstream.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("route " + name + ": upstream '" + upstream + "' is not host:port");
        }
        return new RouteSpec(name, listenHost, route.get("listen").asInt().orElseThrow(() ->
                new IllegalArgumentException("route " + name + ": listen (a port) is missing")),
                upstream.substring(0, colon), Integer.parseInt(upstream.substring(colon + 1)));
    }

    InetSocketAddress upstream() {
        return new InetSocketAddress(upstreamHost, upstreamPort);
    }

    String upstreamText() {
        return upstreamHost + ":" + upstreamPort;
    }
}
