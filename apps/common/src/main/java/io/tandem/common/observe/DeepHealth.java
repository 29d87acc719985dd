package io.tandem.common.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;

import io.tandem.common.api.Replies;
import io.tandem.common.api.Reply;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObjectBuilder;

/**
 * The deep check, {@code GET /health/deep}: every store and dependency a service uses, each really called
 * (a query, a PING, a request to catalog/offers with the breaker state). Readiness says "can take traffic";
 * this says "what exactly is broken" for ops and the drill. 200 when all pass, else 503.
 */
public final class DeepHealth {
    private final Map<String, Supplier<Result>> checks = new ConcurrentSkipListMap<>();

    public void add(String name, Supplier<Result> check) {
        checks.put(name, check);
    }

    public void register(HttpRules rules) {
        rules.get("/health/deep", (req, res) -> Replies.send(run(), res));
    }

    public Reply run() {
        JsonObjectBuilder details = Jsons.JSON.createObjectBuilder();
        boolean up = true;
        for (Map.Entry<String, Supplier<Result>> check : checks.entrySet()) {
            Result result;
            try {
                result = check.getValue().get();
            } catch (RuntimeException e) {
                result = Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            up &= result.up();
            details.add(check.getKey(), Jsons.JSON.createObjectBuilder()
                    .add("status", result.up() ? "UP" : "DOWN").add("detail", result.detail()));
        }
        return Reply.of(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503,
                Jsons.JSON.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", details).build());
    }

    /**
     * One check's outcome.
     *
     * @param up     passed
     * @param detail what was seen
     */
    public record Result(boolean up, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail == null ? "" : detail);
        }
    }
}
