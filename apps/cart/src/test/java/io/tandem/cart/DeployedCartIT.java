package io.tandem.cart;

import java.io.StringReader;
import java.util.Map;
import java.util.UUID;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.api.Identity;
import io.tandem.common.session.SessionKeys;
import io.tandem.common.testing.TestEnv;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The cart as the deployed cluster JVMs of envs/local run it (cluster.a.url, cluster.b.url), with their config. */
class DeployedCartIT {
    private static IdentityAssertions identity;
    private static TestEnv env;
    private static Http1Client a;
    private static Http1Client b;

    @BeforeAll
    static void connect() {
        env = TestEnv.require();
        identity = env.identity();
        a = Http1Client.builder().baseUri(env.clusterUrl("a")).build();
        b = Http1Client.builder().baseUri(env.clusterUrl("b")).build();
    }

    private static Http1ClientResponse post(Http1Client client, String path, String user, String key, String body) {
        return client.post(path).header(Identity.USER_ID, user).header(IdentityAssertions.HEADER, identity.sign(user, null)).header(HeaderNames.create("Idempotency-Key"), key)
                .header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
    }

    private static JsonObject json(Http1ClientResponse response, Status expected) {
        try (response) {
            String body = response.as(String.class);
            assertThat(body, response.status(), is(expected));
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    @Test
    void buyNowOnBIssuesAKeyNamingB() {
        JsonObject cart = json(post(b, "/v1/buynow/carts", "it-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                "{\"productId\":\"P00001\",\"quantity\":1}"), Status.CREATED_201);
        SessionKeys keys = SessionKeys.create(Config.just(ConfigSources.create(Map.of("secret", env.get("session.secret")))));
        assertThat(keys.verify(cart.getString("sessionKey")).orElseThrow().cluster(), is("b"));
    }

    @Test
    void atcOnBIsRefused() {
        assertThat(json(post(b, "/v1/carts/me/items", "it-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                "{\"productId\":\"P00001\",\"quantity\":1}"), Status.create(421)).getString("code"), is("ATC_NOT_ON_THIS_CLUSTER"));
    }

    @Test
    void repeatAnswersTheSameAndAnotherBodyIs409() {
        String user = "it-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        JsonObject first = json(post(a, "/v1/buynow/carts", user, key, "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.CREATED_201);
        JsonObject again = json(post(a, "/v1/buynow/carts", user, key, "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.CREATED_201);
        assertThat(again.getString("cartId"), is(first.getString("cartId")));
        assertThat(json(post(a, "/v1/buynow/carts", user, key, "{\"productId\":\"P00001\",\"quantity\":2}"),
                Status.CONFLICT_409).getString("code"), is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aUserPastTheBurstOf100IsLimited() {
        String user = "it-" + UUID.randomUUID();
        int allowed = 0;
        boolean limited = false;
        long start = System.nanoTime();
        while (!limited && allowed < 400) {
            try (Http1ClientResponse response = a.get("/v1/buynow/carts/a-AAAAAAAAAAAAAAAAAAAAAA")
                    .header(Identity.USER_ID, user).header(IdentityAssertions.HEADER, identity.sign(user, null)).request()) {
                if (response.status() == Status.TOO_MANY_REQUESTS_429) {
                    limited = true;
                    assertThat(response.headers().contains(HeaderNames.RETRY_AFTER), is(true));
                } else {
                    allowed++;
                }
            }
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat("refused at last", limited, is(true));
        // a burst of 100, then one token every 600 ms (100 a minute)
        assertThat(allowed >= 100 && allowed <= 100 + elapsedMillis / 600 + 1, is(true));
    }
}
