package io.tandem.drill;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Chaos {@code alert-delivery}: an alert reaches someone. Stops the notifier for real (kill -9: no order is lost, its
 * consumer group picks up where it left off), waits for {@code TandemTargetDown} (critical, {@code for: 1m}) to reach
 * the alert receiver's {@code critical} webhook through Prometheus and Alertmanager, starts the notifier again and
 * waits for the resolution. Bounded by the rule's {@code for} plus the scrape, evaluation and group intervals.
 */
final class AlertDelivery {
    static final String ALERT = "TandemTargetDown";
    static final String COMPONENT = "notifier";
    /** The rule's {@code for} (dashboards/prometheus/rules). */
    static final Duration FOR = Duration.ofMinutes(1);
    /** Scrape 5 s + evaluation 5 s (prometheus.tf) + group wait 5 s (alerting.tf) + a margin for a loaded machine. */
    static final Duration DELIVERY_SLACK = Duration.ofSeconds(40);
    /** Resolution: a scrape and an evaluation see it up, then the group interval (10 s) sends it. */
    static final Duration RESOLVE_WITHIN = Duration.ofSeconds(60);

    private final Env env;
    private final Environment processes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AlertDelivery(Env env, Environment processes) {
        this.env = env;
        this.processes = processes;
    }

    String run() {
        String alerts = env.get("alerts.url");
        long sinceMillis = System.currentTimeMillis();
        List<String> commandLine = processes.commandLine(COMPONENT);
        long stopped = System.nanoTime();
        processes.kill(COMPONENT, true);
        JsonObject fired;
        try {
            fired = await(alerts, "firing", sinceMillis, FOR.plus(DELIVERY_SLACK));
        } finally {
            processes.startJava(COMPONENT, Environment.repoRoot().resolve("apps/notifier/target/tandem-notifier.jar"),
                    commandLine);
        }
        if (fired == null) {
            return ALERT + " for " + COMPONENT + " did not reach the critical receiver within " + FOR.plus(DELIVERY_SLACK).toSeconds() + " s";
        }
        long firedAfter = (fired.getJsonNumber("receivedAt").longValue() - sinceMillis) / 1000;
        System.out.printf("  %s for %s reached receiver %s %d s after the kill (for: %d s)%n", ALERT, COMPONENT,
                fired.getString("receiver"), firedAfter, FOR.toSeconds());
        long restarted = System.currentTimeMillis();
        JsonObject resolved = await(alerts, "resolved", restarted, RESOLVE_WITHIN);
        if (resolved == null) {
            return "the resolution of " + ALERT + " did not arrive within " + RESOLVE_WITHIN.toSeconds() + " s of the restart";
        }
        System.out.printf("  resolved %d s after the restart; %d s from kill to resolution%n",
                (resolved.getJsonNumber("receivedAt").longValue() - restarted) / 1000,
                (System.nanoTime() - stopped) / 1_000_000_000L);
        if (!fired.getString("receiver").equals("critical")) {
            return ALERT + " went to receiver " + fired.getString("receiver") + ", not critical";
        }
        return null;
    }

    /** The first alert of {@link #ALERT} for the component with this status received after {@code sinceMillis}. */
    private JsonObject await(String alerts, String status, long sinceMillis, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonValue v : list(alerts)) {
                JsonObject a = v.asJsonObject();
                if (a.getString("status").equals(status) && a.getJsonNumber("receivedAt").longValue() >= sinceMillis
                        && COMPONENT.equals(a.getJsonObject("labels").getString("job", ""))) {
                    return a;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private List<JsonValue> list(String alerts) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(alerts + "/v1/alerts?alertname=" + ALERT))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return List.of();
            }
            return Json.createReader(new StringReader(r.body())).readObject().getJsonArray("alerts");
        } catch (IOException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
