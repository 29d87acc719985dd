package io.tandem.cart;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import org.junit.jupiter.api.Test;

import static io.tandem.cart.CartFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** Cart on cluster B: buy-now works and names B; ATC is refused and writes nothing. */
@ServerTest
class ClusterBTest {
    private static final CartFixture FIXTURE = new CartFixture();
    private final Http1Client client;

    ClusterBTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.register(routing, "b", false);
    }

    @Test
    void atcIsRefusedOnB() {
        try (Http1ClientResponse response = send(client, "POST", "/v1/carts/me/items", "u-b",
                "{\"productId\":\"P00001\",\"quantity\":1}")) {
            assertThat(response.status().code(), is(421));
            assertThat(response.as(String.class), containsString("ATC_NOT_ON_THIS_CLUSTER"));
        }
        assertThat(FIXTURE.atc.carts.isEmpty(), is(true));
    }

    @Test
    void buyNowNamesB() {
        try (Http1ClientResponse response = send(client, "POST", "/v1/buynow/carts", "u-b",
                "{\"productId\":\"P00001\",\"quantity\":1}")) {
            assertThat(response.status(), is(Status.CREATED_201));
            assertThat(response.as(String.class), containsString("\"sessionKey\":\"b."));
        }
        assertThat(FIXTURE.checkout.carts.values().iterator().next().cartId(), startsWith("b-"));
    }
}
