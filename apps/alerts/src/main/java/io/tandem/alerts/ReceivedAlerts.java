package io.tandem.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/** The alerts received, newest last, bounded: the oldest go first. */
final class ReceivedAlerts {
    /** A thousand notifications: hours of a bad day, a few hundred kilobytes. */
    static final int DEFAULT_KEEP = 1000;

    private final int keep;
    private final Deque<Alert> alerts = new ArrayDeque<>();

    ReceivedAlerts(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("alerts.keep must be at least 1, got " + keep);
        }
        this.keep = keep;
    }

    synchronized void add(Alert alert) {
        if (alerts.size() == keep) {
            alerts.removeFirst();
        }
        alerts.addLast(alert);
        Counter counter = Metrics.globalRegistry().getOrCreate(Counter.builder("tandem.alerts.received")
                .tags(List.of(Tag.create("receiver", alert.receiver()), Tag.create("status", alert.status())))
                .description("Alerts Alertmanager delivered, by receiver (severity) and status (firing, resolved)"));
        counter.increment();
    }

    /** Every alert kept, oldest first, optionally only those of one alert name. */
    synchronized List<Alert> list(String alertname) {
        List<Alert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            if (alertname == null || alertname.equals(a.alertname())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * One alert of one notification.
     *
     * @param receivedAt  epoch millis it arrived here
     * @param receiver    the Alertmanager receiver that sent it (one per severity)
     * @param status      {@code firing} or {@code resolved}
     * @param alertname   the rule's name
     * @param severity    its severity label
     * @param labels      every label
     * @param summary     its summary annotation
     * @param startsAt    when it started firing (Alertmanager's text)
     * @param endsAt      when it resolved, or Alertmanager's zero time
     */
    record Alert(long receivedAt, String receiver, String status, String alertname, String severity,
                 Map<String, String> labels, String summary, String startsAt, String endsAt) {
    }
}
