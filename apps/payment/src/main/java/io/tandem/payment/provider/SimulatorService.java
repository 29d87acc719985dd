package io.tandem.payment.provider;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.common.api.ApiException;
import io.tandem.payment.web.JsonBodies;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * The payment provider's API as the simulator serves it: {@code POST /v1/charges}, {@code POST /v1/refunds}
 * (both need an {@code Idempotency-Key}), {@code GET /v1/charges?reference=}, and the knobs under
 * {@code /admin}.
 */
final class SimulatorService implements HttpService {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Ledger ledger = new Ledger();
    private final AtomicReference<Knobs> knobs;

    SimulatorService(Knobs initial) {
        this.knobs = new AtomicReference<>(initial);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/charges", this::charge)
                .post("/v1/refunds", this::refund)
                .get("/v1/charges", this::listByReference)
                .get("/admin/knobs", (req, res) -> json(res, 200, knobs.get().toJson()))
                .put("/admin/knobs", this::setKnobs)
                .get("/admin/stats", (req, res) -> json(res, 200, Jsons.JSON.createObjectBuilder()
                        .add("requests", ledger.requests())
                        .add("charges", ledger.count("charge"))
                        .add("refunds", ledger.count("refund")).build()));
    }

    private void charge(ServerRequest req, ServerResponse res) {
        String key = key(req);
        JsonObject body = JsonBodies.object(req);
        long amount = JsonBodies.longValue(body, "amount", 1, 1_000_000_000L);
        String currency = JsonBodies.string(body, "currency", 3);
        String card = JsonBodies.string(body, "card", 64);
        String reference = JsonBodies.string(body, "reference", 64);
        Knobs now = knobs.get();
        int attempt = ledger.attempt(key);
        if (ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            delayThenSend(res, now, attempt, new Ledger.Answer(500, error("processing_error", "simulated provider error")));
            return;
        }
        Ledger.Answer answer = ledger.once(key, "charge|" + body, () -> {
            if (now.declinedCards().contains(card) || ThreadLocalRandom.current().nextDouble() < now.declineRate()) {
                return new Ledger.Answer(402, error("card_declined", "the card was declined"));
            }
            Ledger.Entry entry = ledger.book("charge", reference, null, amount, currency, card);
            return new Ledger.Answer(201, entryJson(entry));
        }, true);
        delayThenSend(res, now, attempt, clashOr(answer));
    }

    private void refund(ServerRequest req, ServerResponse res) {
        String key = key(req);
        JsonObject body = JsonBodies.object(req);
        String chargeId = JsonBodies.string(body, "charge", 64);
        Knobs now = knobs.get();
        int attempt = ledger.attempt(key);
        if (ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            delayThenSend(res, now, attempt, new Ledger.Answer(500, error("processing_error", "simulated provider error")));
            return;
        }
        Ledger.Answer answer = ledger.once(key, "refund|" + body, () -> {
            Ledger.Entry charge = ledger.entry(chargeId);
            if (charge == null || !charge.kind().equals("charge")) {
                return new Ledger.Answer(404, error("resource_missing", "no such charge: " + chargeId));
            }
            long amount = body.containsKey("amount") ? JsonBodies.longValue(body, "amount", 1, charge.amount())
                    : charge.amount() - ledger.refundedAmount(chargeId);
            if (amount <= 0 || ledger.refundedAmount(chargeId) + amount > charge.amount()) {
                return new Ledger.Answer(400, error("charge_already_refunded", "nothing left to refund"));
            }
            Ledger.Entry entry = ledger.book("refund", charge.reference(), chargeId, amount, charge.currency(), null);
            return new Ledger.Answer(201, entryJson(entry));
        }, true);
        delayThenSend(res, now, attempt, clashOr(answer));
    }

    private void listByReference(ServerRequest req, ServerResponse res) {
        String reference = req.query().first("reference").orElseThrow(() -> ApiException.badField("reference", "required"));
        JsonArrayBuilder list = Jsons.JSON.createArrayBuilder();
        ledger.byReference(reference).forEach(e -> list.add(entryJson(e)));
        json(res, 200, Jsons.JSON.createObjectBuilder().add("data", list).build());
    }

    private void setKnobs(ServerRequest req, ServerResponse res) {
        try {
            knobs.set(knobs.get().with(JsonBodies.object(req)));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw ApiException.badField("knobs", e.getMessage() == null ? "wrong type" : e.getMessage());
        }
        json(res, 200, knobs.get().toJson());
    }

    private static Ledger.Answer clashOr(Ledger.Answer answer) {
        return answer != null ? answer : new Ledger.Answer(409, error("idempotency_key_reused",
                "this idempotency key was used with another request"));
    }

    private static void delayThenSend(ServerResponse res, Knobs knobs, int attempt, Ledger.Answer answer) {
        long delay = knobs.latencyMillis() + (attempt <= knobs.slowFirstAttempts() ? knobs.slowMillis() : 0);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        json(res, answer.status(), answer.body());
    }

    private static String key(ServerRequest req) {
        String key = req.headers().first(HeaderNames.create(IDEMPOTENCY_KEY))
                .orElseThrow(() -> ApiException.badField(IDEMPOTENCY_KEY, "required header"));
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.badField(IDEMPOTENCY_KEY, "1..255 characters");
        }
        return key;
    }

    private static JsonObject entryJson(Ledger.Entry e) {
        var json = Jsons.JSON.createObjectBuilder().add("id", e.id()).add("object", e.kind()).add("status", "succeeded")
                .add("amount", e.amount()).add("currency", e.currency()).add("reference", e.reference());
        if (e.chargeId() != null) {
            json.add("charge", e.chargeId());
        }
        return json.build();
    }

    private static JsonObject error(String code, String message) {
        return Jsons.JSON.createObjectBuilder().add("code", code).add("message", message).add("hint", "").build();
    }

    private static void json(ServerResponse res, int status, JsonObject body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString());
    }
}
