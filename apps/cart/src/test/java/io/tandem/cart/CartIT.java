package io.tandem.cart;

import io.tandem.common.checkout.CheckoutCart;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.common.flag.FlagCheck;
import io.tandem.common.testing.Schema;
import io.tandem.common.testing.TestEnv;
import io.tandem.common.testing.UnleashTestFlag;
import io.tandem.flags.TandemFlags;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.RedisClient;

import static io.tandem.cart.ItCluster.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Cart against the real stores and Unleash of envs/local; catalog and offers are this test's own instances
 * (their knobs would otherwise break other people's tests), the kill switch a throw-away Unleash flag.
 */
class CartIT {
    private static TestEnv env;
    private static UnleashTestFlag killSwitch;
    private static ItCluster a;
    private static ItCluster b;

    @BeforeAll
    static void start() {
        env = TestEnv.require();
        Schema.migrate(env, "cart");
        killSwitch = new UnleashTestFlag(env);
        Map<String, String> own = Map.ofEntries(
                Map.entry("catalog.url", TestDownstreams.catalogUrl()),
                Map.entry("offers.url", TestDownstreams.offersUrl()),
                Map.entry("ft.catalog.breaker.volume", "4"),
                Map.entry("ft.catalog.breaker.delay", "PT2S"),
                Map.entry("ft.offers.timeout", "PT2S"),
                Map.entry("rate-limit.per-user", "5"),
                Map.entry("rate-limit.per-ip", "5"));
        FlagCheck flags = killSwitch.check(TandemFlags.OFFER_KILL_SWITCH);
        a = new ItCluster(env, "a", flags, own);
        b = new ItCluster(env, "b", flags, own);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
            b.close();
        }
        if (killSwitch != null) {
            killSwitch.close();
        }
    }

    @AfterEach
    void heal() {
        TestDownstreams.heal();
    }

    private static String user() {
        return "it-" + UUID.randomUUID();
    }

    @Test
    void buyNowCartLivesInThisClustersRedisWithTtlAndAVerifiableKey() {
        String user = user();
        JsonObject cart = json(b.send("POST", "/v1/buynow/carts", user, "{\"productId\":\"P00004\",\"quantity\":1}"));
        String key = cart.getString("sessionKey");
        assertThat(b.keys.verify(key).orElseThrow().cluster(), is("b"));
        try (RedisClient redisB = RedisClient.create(env.get("redis.b.url").replace("redis://", "redis://"));
             RedisClient redisA = RedisClient.create(env.get("redis.a.url"))) {
            long ttl = redisB.pttl(CheckoutCart.KEY_PREFIX + cart.getString("cartId"));
            assertThat(ttl, allOf(greaterThan(29L * 60_000), lessThanOrEqualTo(30L * 60_000)));
            assertThat(redisA.exists(CheckoutCart.KEY_PREFIX + cart.getString("cartId")), is(false));
        }
    }

    @Test
    void offersDownWithKillSwitchOffAndOn() throws InterruptedException {
        TestDownstreams.knobs(TestDownstreams.offersUrl(), "{\"errorRate\":1}");
        killSwitch.set(false);
        killSwitch.await(false);
        JsonObject price = json(a.send("POST", "/v1/buynow/carts", user(), "{\"productId\":\"P00004\",\"quantity\":1}"))
                .getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("SKIPPED_OFFERS_UNAVAILABLE"));

        killSwitch.set(true);
        killSwitch.await(true);
        try (Http1ClientResponse response = a.send("POST", "/v1/buynow/carts", user(), "{\"productId\":\"P00004\",\"quantity\":1}")) {
            assertThat(response.status(), is(Status.CREATED_201));
            assertThat(ItCluster.json(response).getJsonObject("price").getString("discountStatus"), is("SKIPPED_KILL_SWITCH"));
        }
        killSwitch.set(false);
        TestDownstreams.heal();
        killSwitch.await(false);
        price = json(a.send("POST", "/v1/buynow/carts", user(), "{\"productId\":\"P00004\",\"quantity\":1}")).getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("APPLIED"));
    }

    @Test
    void catalogBreakerOpensAndClosesByItself() throws InterruptedException {
        TestDownstreams.knobs(TestDownstreams.catalogUrl(), "{\"errorRate\":1}");
        for (int i = 0; i < 6; i++) {
            try (Http1ClientResponse response = a.send("POST", "/v1/buynow/carts", user(), "{\"productId\":\"P00001\",\"quantity\":1}")) {
                assertThat(response.status(), is(Status.SERVICE_UNAVAILABLE_503));
                assertThat(response.headers().contains(HeaderNames.RETRY_AFTER), is(true));
            }
        }
        JsonObject deep = json(a.client.get("/health/deep").request());
        assertThat(deep.getJsonObject("checks").getJsonObject("cart-catalog").getString("detail"),
                org.hamcrest.Matchers.startsWith("breaker " + CircuitBreaker.State.OPEN));
        TestDownstreams.heal();
        Thread.sleep(2500);
        try (Http1ClientResponse response = a.send("POST", "/v1/buynow/carts", user(), "{\"productId\":\"P00001\",\"quantity\":1}")) {
            assertThat(response.status(), is(Status.CREATED_201));
        }
        deep = json(a.client.get("/health/deep").request());
        assertThat(deep.getJsonObject("checks").getJsonObject("cart-catalog").getString("detail"),
                org.hamcrest.Matchers.startsWith("breaker " + CircuitBreaker.State.CLOSED));
    }

    @Test
    void atcOnAIsInDbAAndOnBIsRefusedWithoutAWrite() throws SQLException {
        String user = user();
        json(a.send("POST", "/v1/carts/me/items", user, "{\"productId\":\"P00002\",\"quantity\":3}"));
        assertThat(rows(user), is(1));
        try (Http1ClientResponse response = b.send("POST", "/v1/carts/me/items", user, "{\"productId\":\"P00003\",\"quantity\":1}")) {
            assertThat(response.status().code(), is(421));
            assertThat(ItCluster.json(response).getString("code"), is("ATC_NOT_ON_THIS_CLUSTER"));
        }
        assertThat(rows(user), is(1));
        JsonObject cart = json(a.send("GET", "/v1/carts/me", user, null));
        assertThat(cart.getJsonArray("lines").getJsonObject(0).getInt("quantity"), is(3));
    }

    @Test
    void idempotencyKeyInRedis() {
        String user = user();
        String key = UUID.randomUUID().toString();
        String ip = ItCluster.randomIp();
        String body = "{\"productId\":\"P00008\",\"quantity\":2}";
        JsonObject first = json(a.send("POST", "/v1/buynow/carts", user, ip, key, body));
        try (Http1ClientResponse replay = a.send("POST", "/v1/buynow/carts", user, ip, key, body)) {
            assertThat(replay.status(), is(Status.CREATED_201));
            assertThat(replay.headers().first(HeaderNames.create("Idempotent-Replayed")).orElse(""), is("true"));
            assertThat(ItCluster.json(replay).getString("cartId"), is(first.getString("cartId")));
        }
        try (Http1ClientResponse clash = a.send("POST", "/v1/buynow/carts", user, ip, key, body.replace("2", "3"))) {
            assertThat(clash.status(), is(Status.CONFLICT_409));
            assertThat(ItCluster.json(clash).getString("code"), is("IDEMPOTENCY_KEY_REUSED"));
        }
        try (RedisClient redis = RedisClient.create(env.get("redis.a.url"))) {
            long ttl = redis.pttl("idem:cart:" + user + ":" + key);
            assertThat(ttl, allOf(greaterThan(23L * 3_600_000), lessThanOrEqualTo(24L * 3_600_000)));
        }
    }

    @Test
    void rateLimitsPerUserAndPerIp() {
        String user = user();
        for (int i = 0; i < 5; i++) {
            try (Http1ClientResponse ok = a.send("GET", "/v1/carts/me", user, null)) {
                assertThat(ok.status(), is(Status.OK_200));
            }
        }
        try (Http1ClientResponse limited = a.send("GET", "/v1/carts/me", user, null)) {
            assertThat(limited.status(), is(Status.TOO_MANY_REQUESTS_429));
            assertThat(Integer.parseInt(limited.headers().first(HeaderNames.RETRY_AFTER).orElseThrow()), greaterThan(0));
        }
        String ip = ItCluster.randomIp();
        for (int i = 0; i < 5; i++) {
            a.send("GET", "/v1/carts/me", user(), ip, null, null).close();
        }
        try (Http1ClientResponse limited = a.send("GET", "/v1/carts/me", user(), ip, null, null)) {
            assertThat(limited.status(), is(Status.TOO_MANY_REQUESTS_429));
        }
    }

    private static int rows(String user) throws SQLException {
        try (Connection db = DriverManager.getConnection(env.get("db.a.jdbc"), env.get("db.app.user"), env.get("db.app.password"));
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM atc_cart_item WHERE user_id = ?")) {
            query.setString(1, user);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
