package io.tandem.cart;

import java.io.StringReader;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.Metrics;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.testing.OpenApiContract;
import io.tandem.flags.TandemFlags;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.tandem.cart.CartFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

/** Cart on cluster A against real catalog and offers servers, with their failure knobs. */
@ServerTest
class CartServiceTest {
    private static final CartFixture FIXTURE = new CartFixture();
    private final Http1Client client;

    CartServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.register(routing, "a", true);
    }

    @AfterEach
    void heal() {
        TestDownstreams.heal();
        FIXTURE.flagsOn.clear();
    }

    private static JsonObject json(Http1ClientResponse response, Status expected) {
        try (response) {
            String body = response.as(String.class);
            assertThat(body, response.status(), is(expected));
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    @Test
    void buyNowStartsASessionOnThisClusterWithDiscount() {
        Http1ClientResponse response = send(client, "POST", "/v1/buynow/carts", "u-bn", "{\"productId\":\"P00004\",\"quantity\":2}");
        String header = response.headers().first(HeaderNames.create("X-Session-Key")).orElse("");
        JsonObject cart = json(response, Status.CREATED_201);
        assertThat(cart.getString("sessionKey"), startsWith("a."));
        assertThat(header, is(cart.getString("sessionKey")));
        assertThat(cart.getString("cluster"), is("a"));
        JsonObject price = cart.getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("APPLIED"));
        assertThat(price.getJsonNumber("discountCents").longValue() > 0, is(true));
        String cartId = cart.getString("cartId");
        assertThat(FIXTURE.checkout.carts.get(cartId).userId(), is("u-bn"));

        JsonObject again = json(send(client, "GET", "/v1/buynow/carts/" + cartId, "u-bn", null), Status.OK_200);
        assertThat(again.getJsonArray("lines").getJsonObject(0).getInt("quantity"), is(2));
        json(send(client, "GET", "/v1/buynow/carts/" + cartId, "someone-else", null), Status.NOT_FOUND_404);
    }

    @Test
    void unknownProductAndOutOfStockAre422() {
        assertThat(json(send(client, "POST", "/v1/buynow/carts", "u-422", "{\"productId\":\"P99999\",\"quantity\":1}"),
                Status.create(422)).getString("code"), is("UNKNOWN_PRODUCT"));
        assertThat(json(send(client, "POST", "/v1/buynow/carts", "u-422", "{\"productId\":\"P00050\",\"quantity\":1}"),
                Status.create(422)).getString("code"), is("OUT_OF_STOCK"));
    }

    @Test
    void offersFailingPricesWithoutDiscountNever5xx() {
        TestDownstreams.knobs(TestDownstreams.offersUrl(), "{\"errorRate\":1}");
        JsonObject price = json(send(client, "POST", "/v1/buynow/carts", "u-off", "{\"productId\":\"P00004\",\"quantity\":1}"),
                Status.CREATED_201).getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("SKIPPED_OFFERS_UNAVAILABLE"));
        assertThat(price.getBoolean("discountApplied"), is(false));
        assertThat(price.getJsonNumber("discountCents").longValue(), is(0L));
    }

    @Test
    void offersSlowIsCutByItsTimeout() {
        TestDownstreams.knobs(TestDownstreams.offersUrl(), "{\"latencyMs\":6000}");
        long start = System.nanoTime();
        JsonObject price = json(send(client, "POST", "/v1/buynow/carts", "u-slow", "{\"productId\":\"P00004\",\"quantity\":1}"),
                Status.CREATED_201).getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("SKIPPED_OFFERS_UNAVAILABLE"));
        // cut at ft.offers.timeout (2 s in this fixture), well before offers would answer
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(5000L));
    }

    @Test
    void killSwitchSkipsOffers() {
        FIXTURE.flagsOn.add(TandemFlags.OFFER_KILL_SWITCH);
        JsonObject price = json(send(client, "POST", "/v1/buynow/carts", "u-kill", "{\"productId\":\"P00004\",\"quantity\":1}"),
                Status.CREATED_201).getJsonObject("price");
        assertThat(price.getString("discountStatus"), is("SKIPPED_KILL_SWITCH"));
    }

    @Test
    void catalogFailingIs503WithRetryAfterAndTheBreakerClosesByItself() throws InterruptedException {
        TestDownstreams.knobs(TestDownstreams.catalogUrl(), "{\"errorRate\":1}");
        for (int i = 0; i < 6; i++) {
            try (Http1ClientResponse response = send(client, "POST", "/v1/buynow/carts", "u-cat" + i,
                    "{\"productId\":\"P00001\",\"quantity\":1}")) {
                assertThat(response.status(), is(Status.SERVICE_UNAVAILABLE_503));
                assertThat(response.headers().contains(HeaderNames.RETRY_AFTER), is(true));
                assertThat(response.as(String.class), containsString("CATALOG_UNAVAILABLE"));
            }
        }
        assertThat(FIXTURE.pricing.catalogBreaker(), is(CircuitBreaker.State.OPEN));
        TestDownstreams.knobs(TestDownstreams.catalogUrl(), null);
        Thread.sleep(1200);
        json(send(client, "POST", "/v1/buynow/carts", "u-cat-ok", "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.CREATED_201);
        assertThat(FIXTURE.pricing.catalogBreaker(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void eachCheckoutStartedCountsOneSessionOfItsKindAndARefusedOneNone() {
        double buyNow = sessionsStarted("buy_now");
        double atc = sessionsStarted("atc");

        json(send(client, "POST", "/v1/buynow/carts", "u-sess", "{\"productId\":\"P00004\",\"quantity\":1}"),
                Status.CREATED_201);
        json(send(client, "POST", "/v1/buynow/carts", "u-sess", "{\"productId\":\"P00050\",\"quantity\":1}"),
                Status.create(422));
        json(send(client, "POST", "/v1/carts/me/items", "u-sess", "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.OK_200);
        json(send(client, "POST", "/v1/carts/me/checkout", "u-sess", null), Status.CREATED_201);

        assertThat(sessionsStarted("buy_now") - buyNow, is(1.0));
        assertThat("adding to an ATC cart starts no session; its checkout does", sessionsStarted("atc") - atc, is(1.0));
    }

    /** tandem_checkout_sessions_started_total{cluster="a",kind} as registered (at 0 from the start). */
    private static double sessionsStarted(String kind) {
        return Metrics.getCounter("tandem.checkout.sessions.started", Metrics.tags("cluster", "a", "kind", kind))
                .orElseThrow(() -> new AssertionError("no sessions-started counter for kind " + kind)).count();
    }

    @Test
    void atcAddChangeRemoveView() {
        json(send(client, "POST", "/v1/carts/me/items", "u-atc", "{\"productId\":\"P00001\",\"quantity\":2}"), Status.OK_200);
        JsonObject cart = json(send(client, "POST", "/v1/carts/me/items", "u-atc", "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.OK_200);
        assertThat(cart.getJsonArray("lines").getJsonObject(0).getInt("quantity"), is(3));
        cart = json(send(client, "PUT", "/v1/carts/me/items/P00001", "u-atc", "{\"quantity\":5}"), Status.OK_200);
        assertThat(cart.getJsonArray("lines").getJsonObject(0).getInt("quantity"), is(5));
        json(send(client, "PUT", "/v1/carts/me/items/P00002", "u-atc", "{\"quantity\":5}"), Status.NOT_FOUND_404);
        JsonObject checkout = json(send(client, "POST", "/v1/carts/me/checkout", "u-atc", null), Status.CREATED_201);
        assertThat(checkout.getString("kind"), is("ATC"));
        cart = json(send(client, "DELETE", "/v1/carts/me/items/P00001", "u-atc", null), Status.OK_200);
        assertThat(cart.getJsonArray("lines").size(), is(0));
        assertThat(json(send(client, "POST", "/v1/carts/me/checkout", "u-atc", null), Status.create(422)).getString("code"),
                is("CART_EMPTY"));
    }

    @Test
    void atcAddOfAnUnknownProductIs422NamingIt() {
        JsonObject error = json(send(client, "POST", "/v1/carts/me/items", "u-atc-unknown",
                "{\"productId\":\"P99999\",\"quantity\":1}"), Status.create(422));

        assertThat(error.getString("code"), is("UNKNOWN_PRODUCT"));
        assertThat(error.getString("message"), containsString("P99999"));
    }

    @Test
    void atcDisabledIs503WithABuyNowHintAndWritesNothing() {
        FIXTURE.flagsOn.add(TandemFlags.ATC_DISABLED);
        JsonObject error = json(send(client, "POST", "/v1/carts/me/items", "u-off-atc", "{\"productId\":\"P00001\",\"quantity\":1}"),
                Status.SERVICE_UNAVAILABLE_503);
        assertThat(error.getString("code"), is("ATC_DISABLED"));
        assertThat(error.getString("hint"), containsString("/v1/buynow/carts"));
        assertThat(FIXTURE.atc.lines("u-off-atc").size(), is(0));
    }

    @Test
    void noUserIs401() {
        assertThat(json(send(client, "GET", "/v1/carts/me", null, null), Status.UNAUTHORIZED_401).getString("code"),
                is("UNAUTHENTICATED"));
    }

    @Test
    void openApiMatchesTheRoutes() {
        assertThat(client.get("/openapi/cart").requestEntity(String.class), containsString("/v1/buynow/carts"));
        OpenApiContract.assertMatches("cart", FIXTURE.routes);
    }
}
