package io.tandem.faults;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The routes' figures on {@code /observe/metrics}, read at scrape time from the routes' own adders (the data path
 * never touches a meter): {@code tandem_faults_bytes_total{route,direction}}, {@code tandem_faults_bytes_dropped_total},
 * {@code tandem_faults_connections_total}, {@code tandem_faults_upstream_failures_total},
 * {@code tandem_faults_connections_active} and {@code tandem_faults_toxic_active{route,toxic}} (1 while set).
 */
final class FaultMetrics {
    private FaultMetrics() {
    }

    static void register(FaultProxy proxy) {
        MeterRegistry registry = Metrics.globalRegistry();
        for (Route route : proxy.routes()) {
            Tag name = Tag.create("route", route.name());
            counter(registry, "tandem.faults.bytes", "Bytes forwarded", route.bytesUpstream,
                    List.of(name, Tag.create("direction", "upstream")));
            counter(registry, "tandem.faults.bytes", "Bytes forwarded", route.bytesDownstream,
                    List.of(name, Tag.create("direction", "downstream")));
            counter(registry, "tandem.faults.bytes.dropped", "Bytes dropped by a blackhole", route.bytesDropped,
                    List.of(name));
            counter(registry, "tandem.faults.connections", "Connections accepted", route.connections, List.of(name));
            counter(registry, "tandem.faults.upstream.failures", "Connections whose upstream could not be reached",
                    route.upstreamFailures, List.of(name));
            registry.getOrCreate(Gauge.builder("tandem.faults.connections.active", route::activeConnections)
                    .description("Connections open now").tags(List.of(name)));
            toxic(registry, route, name, "latency", t -> t.latencyMs() > 0 || t.jitterMs() > 0);
            toxic(registry, route, name, "bandwidth", t -> t.bandwidthKBps() > 0);
            toxic(registry, route, name, "blackhole", Toxics::blackhole);
            toxic(registry, route, name, "reset", Toxics::reset);
            toxic(registry, route, name, "slow_close", t -> t.slowCloseMs() > 0);
        }
    }

    private static void counter(MeterRegistry registry, String meter, String description, LongAdder adder,
                                List<Tag> tags) {
        registry.getOrCreate(FunctionalCounter.builder(meter, adder, LongAdder::sum).description(description).tags(tags));
    }

    private static void toxic(MeterRegistry registry, Route route, Tag name, String toxic, Predicate<Toxics> set) {
        registry.getOrCreate(Gauge.builder("tandem.faults.toxic.active", () -> set.test(route.toxics()) ? 1 : 0)
                .description("1 while the toxic is set on the route").tags(List.of(name, Tag.create("toxic", toxic))));
    }
}
