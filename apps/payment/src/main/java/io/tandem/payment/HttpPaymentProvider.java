package io.tandem.payment;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tandem.common.api.Jsons;
import io.tandem.common.trace.Traces;

import jakarta.json.JsonObject;

/** The provider over HTTP, one attempt per call, each bounded by the configured timeout (outside API: 10 s). */
final class HttpPaymentProvider implements PaymentProvider {
    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    HttpPaymentProvider(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public ProviderAnswer charge(String key, long amountCents, String currency, String cardToken, String reference) {
        JsonObject body = Jsons.JSON.createObjectBuilder().add("amount", amountCents).add("currency", currency)
                .add("card", cardToken).add("reference", reference).build();
        return post("/v1/charges", key, body);
    }

    @Override
    public ProviderAnswer refund(String key, String chargeId) {
        return post("/v1/refunds", key, Jsons.JSON.createObjectBuilder().add("charge", chargeId).build());
    }

    private ProviderAnswer post(String path, String key, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return Traces.call("psp", "POST psp " + path, request::header, () -> send(request.build()));
    }

    private ProviderAnswer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PaymentUnavailableException("provider not answering: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentUnavailableException("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new PaymentUnavailableException("provider answered " + status);
        }
        JsonObject json = parse(response.body());
        if (status / 100 == 2) {
            return ProviderAnswer.succeeded(json.getString("id", null));
        }
        String code = json.getString("code", "http_" + status);
        return status == 402 ? ProviderAnswer.declined(code) : ProviderAnswer.rejected(code);
    }

    private static JsonObject parse(String text) {
        try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new PaymentUnavailableException("provider answered something that is not JSON", e);
        }
    }
}
