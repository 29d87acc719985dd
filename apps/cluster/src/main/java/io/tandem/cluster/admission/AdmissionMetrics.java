package io.tandem.cluster.admission;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * {@code tandem_admission_requests_total{priority,outcome="admitted|refused"}}, and the gauges
 * {@code tandem_admission_limit}, {@code tandem_admission_in_flight}, {@code tandem_admission_recent_latency_ms} and
 * {@code tandem_admission_new_session_budget}.
 */
final class AdmissionMetrics {
    private final Map<Priority, Counter> admitted = new EnumMap<>(Priority.class);
    private final Map<Priority, Counter> refused = new EnumMap<>(Priority.class);

    AdmissionMetrics(PriorityGate gate) {
        for (Priority p : List.of(Priority.IN_FLIGHT, Priority.NEW_SESSION)) {
            admitted.put(p, counter(p, "admitted"));
            refused.put(p, counter(p, "refused"));
        }
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.admission.limit", gate::limit)
                .description("The cluster's current concurrency limit (adaptive)"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.admission.in.flight", gate::inFlight)
                .description("Requests holding a slot of the concurrency limit"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.admission.recent.latency.ms", gate::recentLatencyMillis)
                .description("Latency quantile (admission.new-session-latency-quantile, power-of-two resolution) of checkout"
                        + " work over admission.latency-window; new sessions wait while it is above"
                        + " admission.new-session-latency-target"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.admission.new.session.budget", gate::newSessionBudget)
                .description("New sessions this second may let through while the cluster is busy"
                        + " (admission.new-session-ramp)"));
    }

    void admitted(Priority p) {
        if (p != Priority.PROBE) {
            admitted.get(p).increment();
        }
    }

    void refused(Priority p) {
        refused.get(p).increment();
    }

    private static Counter counter(Priority p, String outcome) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder("tandem.admission.requests")
                .tags(List.of(Tag.create("priority", p.label()), Tag.create("outcome", outcome)))
                .description("Requests admitted or refused by the cluster's admission control, by priority"));
    }
}
