package io.tandem.payment;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.common.api.ApiException;
import io.tandem.payment.web.JsonBodies;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;

/**
 * Payments over HTTP, for a deployment where payment runs in its own process:
 * {@code POST /v1/payments/charges} and {@code POST /v1/payments/refunds}, both with {@code Idempotency-Key}.
 * In the cluster JVM the order saga calls {@link Payments} directly.
 */
public final class PaymentService implements HttpService {
    /** Seconds a client is told to wait when the provider gave no certain answer. */
    public static final int RETRY_AFTER_SECONDS = 2;
    private static final int MAX_KEY = 100;

    private final Payments payments;

    public PaymentService(Payments payments) {
        this.payments = payments;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/charges", this::charge).post("/refunds", this::refund);
    }

    private void charge(ServerRequest req, ServerResponse res) {
        String key = key(req);
        JsonObject body = JsonBodies.object(req);
        String order = JsonBodies.string(body, "orderNumber", 32);
        long amount = JsonBodies.longValue(body, "amountCents", 1, 100_000_000L);
        String currency = JsonBodies.string(body, "currency", 3);
        String card = JsonBodies.string(body, "cardToken", 64);
        send(res, () -> payments.charge("api:" + key, order, amount, currency, card));
    }

    private void refund(ServerRequest req, ServerResponse res) {
        String key = key(req);
        String order = JsonBodies.string(JsonBodies.object(req), "orderNumber", 32);
        send(res, () -> payments.refund("api:" + key, order));
    }

    private static void send(ServerResponse res, java.util.function.Supplier<PaymentResult> action) {
        PaymentResult result;
        try {
            result = action.get();
        } catch (PaymentUnavailableException e) {
            throw ApiException.unavailable("PAYMENT_UNAVAILABLE", "the payment provider gave no answer yet",
                    "send the same request again with the same Idempotency-Key", java.time.Duration.ofSeconds(RETRY_AFTER_SECONDS));
        } catch (IdempotencyConflictException e) {
            throw new ApiException(Status.CONFLICT_409, "IDEMPOTENCY_KEY_REUSED", e.getMessage(),
                    "use a new Idempotency-Key for a new payment");
        }
        if (result.status() == PaymentResult.Status.DECLINED) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "CARD_DECLINED", "the card was declined",
                    "use another card");
        }
        if (result.status() == PaymentResult.Status.REJECTED) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "PAYMENT_REJECTED",
                    "the provider refused the request: " + result.code(), "check the payment details");
        }
        var json = Jsons.JSON.createObjectBuilder().add("status", result.status().name());
        if (result.providerId() != null) {
            json.add("providerId", result.providerId());
        }
        res.status(Status.CREATED_201).header(HeaderNames.CONTENT_TYPE, "application/json").send(json.build().toString());
    }

    private static String key(ServerRequest req) {
        String key = req.headers().first(HeaderNames.create("Idempotency-Key"))
                .orElseThrow(() -> ApiException.badField("Idempotency-Key", "required header"));
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw ApiException.badField("Idempotency-Key", "1.." + MAX_KEY + " characters");
        }
        return key;
    }
}
