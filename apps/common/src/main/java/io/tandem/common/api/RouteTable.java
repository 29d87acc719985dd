package io.tandem.common.api;

import java.util.Set;
import java.util.TreeSet;

/**
 * The routes a service registered, as {@code "METHOD /path/{param}"}: the OpenAPI contract test compares the
 * served document with this, so neither can drift from the other.
 */
public final class RouteTable {
    private final Set<String> routes = new TreeSet<>();

    public synchronized void add(String method, String path) {
        routes.add(method + " " + path);
    }

    public synchronized Set<String> routes() {
        return Set.copyOf(routes);
    }
}
