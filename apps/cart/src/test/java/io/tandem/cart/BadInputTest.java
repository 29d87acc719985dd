package io.tandem.cart;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.Identity;
import io.tandem.common.testing.BadRequests;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** A few thousand generated bad requests to every cart route: each is a 4xx in the error shape, none a 5xx. */
@ServerTest
class BadInputTest {
    private static final int REQUESTS = 3000;
    private static final CartFixture FIXTURE = new CartFixture();
    private final Http1Client client;

    BadInputTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.register(routing, "a", true);
    }

    @Test
    void noBadRequestIsA5xx() {
        BadRequests bad = new BadRequests(20261124L);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String[] route = switch (bad.nextInt(6)) {
                case 0 -> new String[] {"POST", "/v1/buynow/carts"};
                case 1 -> new String[] {"GET", "/v1/buynow/carts/" + bad.id()};
                case 2 -> new String[] {"POST", "/v1/carts/me/items"};
                case 3 -> new String[] {"PUT", "/v1/carts/me/items/" + bad.id()};
                case 4 -> new String[] {"DELETE", "/v1/carts/me/items/" + bad.id()};
                default -> new String[] {"POST", "/v1/carts/me/checkout"};
            };
            Http1ClientRequest request = client.method(Method.create(route[0])).uri(route[1]);
            if (bad.nextInt(10) > 0) {
                String user = bad.nextInt(8) == 0 ? "bad user\u00e9" : "fuzz-" + bad.nextInt(50);
                request.header(Identity.USER_ID, user);
                request.header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
            }
            if (bad.nextInt(10) > 0) {
                request.header(HeaderNames.create("Idempotency-Key"), bad.nextInt(10) == 0 ? "k".repeat(200) : "k" + i);
            }
            request.header(HeaderNames.CONTENT_TYPE, bad.nextInt(10) == 0 ? "text/plain" : "application/json");
            try (Http1ClientResponse response = route[0].equals("GET") ? request.request()
                    : request.submit(bad.body(List.of("productId", "quantity")))) {
                int status = response.status().code();
                statuses.merge(status, 1, Integer::sum);
                String body = response.as(String.class);
                assertThat(route[0] + " " + route[1] + " -> " + body, status, lessThan(500));
                if (status >= 400) {
                    assertThat(body, containsString("\"code\":"));
                }
            }
        }
        System.out.println("cart bad-input statuses: " + statuses);
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum(), is(REQUESTS));
    }
}
