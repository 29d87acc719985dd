package io.tandem.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import io.tandem.payment.provider.Knobs;
import io.tandem.payment.provider.SimulatorMain;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** The guarded provider client against the real simulator over HTTP (no database needed here). */
class ProviderThroughTimeoutsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_TOKEN = "provider-test-admin-token";
    private static WebServer simulator;
    private static URI base;
    private PaymentProvider provider;

    @BeforeAll
    static void startSimulator() {
        simulator = SimulatorMain.server(Config.just(ConfigSources.create(Map.of("port", "0"))), Knobs.none(),
                io.tandem.common.api.AdminAuth.of(ADMIN_TOKEN)).start();
        base = URI.create("http://127.0.0.1:" + simulator.port());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @BeforeEach
    void freshClient() {
        knobs("{\"latencyMillis\":0,\"slowFirstAttempts\":0,\"slowMillis\":0,\"errorRate\":0,\"declineRate\":0}");
        provider = guarded(Duration.ofMillis(300), "5s", 100);
    }

    @Test
    void chargeRetriedThroughTimeoutsChargesOnce() {
        // The first two attempts are booked at once but answered after 1.5 s: the client times out on both.
        knobs("{\"slowFirstAttempts\":2,\"slowMillis\":1500}");
        String reference = "ord-" + UUID.randomUUID();
        ProviderAnswer answer = provider.charge("charge:" + reference, 4200, "EUR", "tok_visa", reference);
        assertThat(answer.outcome(), is(ProviderAnswer.Outcome.SUCCEEDED));
        JsonObject booked = get("/v1/charges?reference=" + reference);
        assertThat(booked.getJsonArray("data").size(), is(1));
        assertThat(booked.getJsonArray("data").getJsonObject(0).getString("id"), is(answer.providerId()));
    }

    @Test
    void sameKeyConcurrentlyChargesOnceAndAnswersTheSameId() throws Exception {
        knobs("{\"latencyMillis\":50}");
        String reference = "ord-" + UUID.randomUUID();
        var calls = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> provider.charge("charge:" + reference, 999, "EUR", "tok_visa", reference))).toList();
        long distinctIds = calls.stream().map(CompletableFuture::join).map(ProviderAnswer::providerId).distinct().count();
        assertThat(distinctIds, is(1L));
        assertThat(get("/v1/charges?reference=" + reference).getJsonArray("data").size(), is(1));
    }

    @Test
    void sameKeyOtherRequestIsRejectedNotCharged() {
        String reference = "ord-" + UUID.randomUUID();
        provider.charge("k-" + reference, 100, "EUR", "tok_visa", reference);
        ProviderAnswer clash = provider.charge("k-" + reference, 200, "EUR", "tok_visa", reference);
        assertThat(clash.outcome(), is(ProviderAnswer.Outcome.REJECTED));
        assertThat(clash.code(), is("idempotency_key_reused"));
        assertThat(get("/v1/charges?reference=" + reference).getJsonArray("data").size(), is(1));
    }

    @Test
    void declinedCardIsACertainAnswerNotRetried() {
        long before = get("/admin/stats").getJsonNumber("requests").longValue();
        ProviderAnswer answer = provider.charge("k-" + UUID.randomUUID(), 100, "EUR", "tok_declined", "r");
        assertThat(answer.outcome(), is(ProviderAnswer.Outcome.DECLINED));
        assertThat(get("/admin/stats").getJsonNumber("requests").longValue() - before, is(1L));
    }

    @Test
    void errorsAreRetriedFiveTimesThenUnavailable() {
        knobs("{\"errorRate\":1.0}");
        long before = get("/admin/stats").getJsonNumber("requests").longValue();
        try {
            provider.charge("k-" + UUID.randomUUID(), 100, "EUR", "tok_visa", "r");
            throw new AssertionError("expected PaymentUnavailableException");
        } catch (PaymentUnavailableException expected) {
            assertThat(get("/admin/stats").getJsonNumber("requests").longValue() - before, is(5L));
        }
    }

    @Test
    void breakerOpensOnAFailingProviderAndClosesByItself() throws Exception {
        provider = guarded(Duration.ofMillis(300), "0.5s", 4);
        knobs("{\"errorRate\":1.0}");
        for (int i = 0; i < 3; i++) {
            try {
                provider.charge("k-" + UUID.randomUUID(), 100, "EUR", "tok_visa", "r");
            } catch (PaymentUnavailableException expected) {
                // breaker filling up
            }
        }
        long before = get("/admin/stats").getJsonNumber("requests").longValue();
        long started = System.nanoTime();
        try {
            provider.charge("k-" + UUID.randomUUID(), 100, "EUR", "tok_visa", "r");
            throw new AssertionError("expected the open breaker to refuse");
        } catch (PaymentUnavailableException expected) {
            assertThat(get("/admin/stats").getJsonNumber("requests").longValue() - before, is(0L));
            assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis(), lessThan(200L));
        }
        knobs("{\"errorRate\":0.0}");
        Thread.sleep(700);
        assertThat(provider.charge("k-" + UUID.randomUUID(), 100, "EUR", "tok_visa", "r").outcome(),
                is(ProviderAnswer.Outcome.SUCCEEDED));
    }

    private static PaymentProvider guarded(Duration timeout, String breakerDelay, int breakerVolume) {
        Config config = Config.just(ConfigSources.create(Map.of(
                "provider.timeout", "PT" + timeout.toMillis() / 1000.0 + "S",
                "retry.attempts", "5",
                "retry.base", "PT0.02S",
                "breaker.volume", Integer.toString(breakerVolume),
                "breaker.error-ratio", "50",
                "breaker.delay", "PT" + breakerDelay.toUpperCase())));
        return new GuardedProvider(new HttpPaymentProvider(base, timeout), config);
    }

    private static void knobs(String json) {
        send(HttpRequest.newBuilder(base.resolve("/admin/knobs")).header("Authorization", "Bearer " + ADMIN_TOKEN).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static JsonObject get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
    }

    private static JsonObject send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body(), response.statusCode(), is(200));
            return Json.createReader(new java.io.StringReader(response.body())).readObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
