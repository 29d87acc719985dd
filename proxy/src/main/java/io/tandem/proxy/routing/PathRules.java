package io.tandem.proxy.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helidon.common.config.Config;

/**
 * Which paths are primary-only (config {@code proxy.routes}). Patterns are path prefixes matched on segment
 * boundaries: {@code /v1/carts} and {@code /v1/carts/**} both match {@code /v1/carts} and {@code /v1/carts/42},
 * not {@code /v1/cartsx}.
 *
 * @param atc           ATC paths, every method (carts live only on the primary)
 * @param addressWrites address paths whose writes go to the primary
 * @param writeMethods  the methods that count as writes
 * @param orderStatus   order paths whose GET is a status poll (never answered "restart the checkout")
 */
public record PathRules(List<String> atc, List<String> addressWrites, Set<String> writeMethods,
                        List<String> orderStatus) {
    /** The cart service's ATC prefix (buy-now is {@code /v1/buynow} and is routed by session). */
    public static final List<String> DEFAULT_ATC = List.of("/v1/carts");
    /** The address service's prefix. */
    public static final List<String> DEFAULT_ADDRESS_WRITES = List.of("/v1/addresses");
    /** The order service's prefix: {@code GET /v1/orders/{number}} is a placed order's status. */
    public static final List<String> DEFAULT_ORDER_STATUS = List.of("/v1/orders");
    /** Methods that change state. */
    public static final Set<String> DEFAULT_WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    public PathRules {
        atc = atc.stream().map(PathRules::prefix).toList();
        addressWrites = addressWrites.stream().map(PathRules::prefix).toList();
        writeMethods = Set.copyOf(writeMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        orderStatus = orderStatus.stream().map(PathRules::prefix).toList();
    }

    /** Reads {@code proxy.routes}. */
    public static PathRules create(Config config) {
        return new PathRules(
                config.get("atc").asList(String.class).orElse(DEFAULT_ATC),
                config.get("address-writes").asList(String.class).orElse(DEFAULT_ADDRESS_WRITES),
                Set.copyOf(config.get("write-methods").asList(String.class).orElse(List.copyOf(DEFAULT_WRITE_METHODS))),
                config.get("order-status").asList(String.class).orElse(DEFAULT_ORDER_STATUS));
    }

    /** Whether a call asks for a placed order's status. */
    public boolean orderStatus(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && matches(orderStatus, path);
    }

    /** Whether a path is an ATC call. */
    public boolean atc(String path) {
        return matches(atc, path);
    }

    /** Whether a call is an address write. */
    public boolean addressWrite(String method, String path) {
        return writeMethods.contains(method) && matches(addressWrites, path);
    }

    static boolean matches(List<String> prefixes, String path) {
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            if (path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static String prefix(String pattern) {
        String p = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("proxy.routes: pattern must start with '/': " + pattern);
        }
        return p;
    }
}
