package io.tandem.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.helidon.common.config.Config;

/**
 * How long the proxy waits on a cluster (config {@code proxy.timeouts}: {@code default}, and {@code routes}, a list
 * of {@code prefix} + {@code timeout}; the longest matching prefix wins). The timeout bounds the wait for the
 * response and every gap in its body.
 */
final class RouteTimeouts {
    /** DESIGN.md: proxy to service 5 s. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration fallback;
    private final List<Entry> entries;

    RouteTimeouts(Duration fallback, List<Entry> entries) {
        this.fallback = fallback;
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        this.entries = List.copyOf(sorted);
    }

    static RouteTimeouts create(Config config) {
        List<Entry> entries = new ArrayList<>();
        for (Config node : config.get("routes").asNodeList().orElse(List.of())) {
            String prefix = node.get("prefix").asString().get();
            entries.add(new Entry(prefix.endsWith("/**") ? prefix.substring(0, prefix.length() - 3) : prefix,
                    node.get("timeout").as(Duration.class).get()));
        }
        return new RouteTimeouts(config.get("default").as(Duration.class).orElse(DEFAULT_TIMEOUT), entries);
    }

    Duration of(String path) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (path.startsWith(e.prefix()) && (path.length() == e.prefix().length() || path.charAt(e.prefix().length()) == '/')) {
                return e.timeout();
            }
        }
        return fallback;
    }

    record Entry(String prefix, Duration timeout) {
    }
}
