package io.tandem.common.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.testing.TestIdentity;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.idempotency.InMemoryIdempotencyStore;
import io.tandem.common.ratelimit.InMemoryTokenBuckets;
import io.tandem.common.ratelimit.RateLimits;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The rules every route gets from {@link Api}: error shape, validation, identity, idempotency, rate limits. */
@ServerTest
class ApiTest {
    private static final AtomicInteger WRITES = new AtomicInteger();
    private final Http1Client client;

    ApiTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Config limits = Config.just(ConfigSources.create(Map.of("per-user", "5", "per-ip", "1000")));
        Api api = Api.builder("test")
                .idempotency(new Idempotency(new InMemoryIdempotencyStore(), true))
                .rateLimits(new RateLimits(new InMemoryTokenBuckets(), limits))
                .maxBodyBytes(200)
                .build();
        ErrorHandlers.register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        routing.register(rules -> {
            api.post(rules, "/v1/things", req -> {
                String user = req.user();
                var body = req.json();
                Fields.onlyKnown(body, Set.of("quantity", "name"));
                int quantity = Fields.integer(body, "quantity", 1, 99);
                return Reply.created(Json.createObjectBuilder().add("user", user).add("quantity", quantity)
                        .add("write", WRITES.incrementAndGet()).build());
            });
            api.get(rules, "/v1/boom", req -> {
                throw new IllegalStateException("secret internals");
            });
        });
    }

    private Http1ClientResponse post(String user, String key, String body) {
        var request = client.post("/v1/things").header(HeaderNames.CONTENT_TYPE, "application/json");
        if (user != null) {
            request.header(Identity.USER_ID, user);
            request.header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
        }
        if (key != null) {
            request.header(HeaderNames.create("Idempotency-Key"), key);
        }
        return request.submit(body);
    }

    private static String expect(Http1ClientResponse response, Status status, String code) {
        try (response) {
            String body = response.as(String.class);
            assertThat(body, response.status(), is(status));
            assertThat(body, containsString("\"code\":\"" + code + "\""));
            assertThat(body, containsString("\"hint\""));
            return body;
        }
    }

    @Test
    void badInputIsA4xxThatNamesTheField() {
        expect(post("u-bad", "k1", "{not json"), Status.BAD_REQUEST_400, "MALFORMED_JSON");
        expect(post("u-bad", "k2", "[1]"), Status.BAD_REQUEST_400, "BODY_NOT_OBJECT");
        assertThat(expect(post("u-bad", "k3", "{\"quantity\":\"two\"}"), Status.BAD_REQUEST_400, "INVALID_FIELD"),
                containsString("\"field\":\"quantity\""));
        assertThat(expect(post("u-bad2", "k4", "{\"quantity\":-1}"), Status.BAD_REQUEST_400, "INVALID_FIELD"),
                containsString("between 1 and 99"));
        expect(post("u-bad2", "k5", "{\"quantity\":1e400}"), Status.BAD_REQUEST_400, "INVALID_FIELD");
        assertThat(expect(post("u-bad3", "k6", "{\"quantity\":1,\"qty\":2}"), Status.BAD_REQUEST_400, "INVALID_FIELD"),
                containsString("\"field\":\"qty\""));
        expect(post("u-bad3", "k7", "{\"name\":\"" + "x".repeat(300) + "\"}"), Status.REQUEST_ENTITY_TOO_LARGE_413,
                "BODY_TOO_LARGE");
    }

    @Test
    void missingUserIs401() {
        expect(post(null, "k8", "{\"quantity\":1}"), Status.UNAUTHORIZED_401, "UNAUTHENTICATED");
    }

    @Test
    void writesNeedAnIdempotencyKey() {
        assertThat(expect(post("u-key", null, "{\"quantity\":1}"), Status.BAD_REQUEST_400, "INVALID_FIELD"),
                containsString("Idempotency-Key"));
    }

    @Test
    void repeatReturnsTheFirstAnswerAndAnotherBodyIs409() {
        String first;
        try (Http1ClientResponse response = post("u-idem", "same-key", "{\"quantity\":2}")) {
            assertThat(response.status(), is(Status.CREATED_201));
            first = response.as(String.class);
        }
        try (Http1ClientResponse response = post("u-idem", "same-key", "{\"quantity\":2}")) {
            assertThat(response.status(), is(Status.CREATED_201));
            assertThat(response.as(String.class), is(first));
            assertThat(response.headers().first(HeaderNames.create("Idempotent-Replayed")).orElse(""), is("true"));
        }
        expect(post("u-idem", "same-key", "{\"quantity\":3}"), Status.CONFLICT_409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aBugIsA500WithoutAStackTrace() {
        String body = expect(client.get("/v1/boom").request(), Status.INTERNAL_SERVER_ERROR_500, "INTERNAL");
        assertThat(body, not(containsString("secret internals")));
        assertThat(body, not(containsString("at io.")));
    }

    @Test
    void overTheUserLimitIs429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            try (Http1ClientResponse response = post("u-rate", "r" + i, "{\"quantity\":1}")) {
                assertThat(response.status(), is(Status.CREATED_201));
            }
        }
        try (Http1ClientResponse response = post("u-rate", "r5", "{\"quantity\":1}")) {
            assertThat(response.status(), is(Status.TOO_MANY_REQUESTS_429));
            // 5 a minute: the next token is 12 s away
            assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElse(""), is("12"));
            assertThat(response.as(String.class), containsString("RATE_LIMITED"));
        }
    }
}
