package io.tandem.common.knobs;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Replies;
import io.tandem.common.api.Reply;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;

/**
 * Failure injection for the stand-in downstreams (catalog, offers, a provider simulator), so breakers and
 * kill switches meet real failures: every {@code /v1/} request waits {@code latencyMs}, then fails with
 * {@code errorStatus} at {@code errorRate}. Admin API, on the service's own port:
 * <pre>
 * GET    /admin/knobs                        the current knobs
 * POST   /admin/knobs {"latencyMs":2000,"errorRate":0.5,"errorStatus":503}   any subset; others unchanged
 * DELETE /admin/knobs                        back to healthy
 * </pre>
 */
public final class FailureKnobs {
    public static final int MAX_LATENCY_MS = 60_000;
    private static final Set<String> FIELDS = Set.of("latencyMs", "errorRate", "errorStatus");

    private volatile State state = State.HEALTHY;

    /** The knobs' values. */
    record State(int latencyMs, double errorRate, int errorStatus) {
        static final State HEALTHY = new State(0, 0, 500);

        JsonObject toJson() {
            return Jsons.JSON.createObjectBuilder().add("latencyMs", latencyMs).add("errorRate", errorRate)
                    .add("errorStatus", errorStatus).build();
        }
    }

    /** Adds the admin routes, and the filter that applies the knobs to {@code /v1/} paths. */
    public void register(HttpRouting.Builder routing, Api api) {
        routing.addFilter((chain, req, res) -> {
            State now = state;
            if (req.path().path().startsWith("/v1/") && (now.latencyMs() > 0 || now.errorRate() > 0)) {
                sleep(now.latencyMs());
                if (ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
                    Replies.send(new ApiException(Status.create(now.errorStatus()), "INJECTED_FAILURE",
                            "Failure injected by /admin/knobs.", "DELETE /admin/knobs to heal.").toReply(), res);
                    return;
                }
            }
            chain.proceed();
        });
        routing.register(rules -> {
            api.get(rules, "/admin/knobs", req -> Reply.ok(state.toJson()));
            api.post(rules, "/admin/knobs", req -> Reply.ok(set(req.json()).toJson()));
            api.delete(rules, "/admin/knobs", req -> {
                state = State.HEALTHY;
                return Reply.ok(state.toJson());
            });
        });
    }

    synchronized State set(JsonObject body) {
        Fields.onlyKnown(body, FIELDS);
        State now = state;
        int latency = body.containsKey("latencyMs") ? Fields.integer(body, "latencyMs", 0, MAX_LATENCY_MS) : now.latencyMs();
        double rate = now.errorRate();
        if (body.containsKey("errorRate")) {
            if (!(body.get("errorRate") instanceof jakarta.json.JsonNumber n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                throw ApiException.badField("errorRate", "must be a number between 0 and 1");
            }
            rate = n.doubleValue();
        }
        int status = body.containsKey("errorStatus") ? Fields.integer(body, "errorStatus", 500, 599) : now.errorStatus();
        state = new State(latency, rate, status);
        return state;
    }

    private static void sleep(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
