package io.tandem.address;

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
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.idempotency.InMemoryIdempotencyStore;
import io.tandem.common.testing.BadRequests;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** A few thousand generated bad requests to every address route: none is a 5xx. */
@ServerTest
class BadInputTest {
    private static final int REQUESTS = 3000;
    private static final List<String> FIELDS = List.copyOf(AddressInput.FIELDS);
    private final Http1Client client;

    BadInputTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ErrorHandlers.register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        AddressModule.register(routing, Api.builder("address")
                .idempotency(new Idempotency(new InMemoryIdempotencyStore(), true)).build(),
                new InMemoryAddressStore(), new AddressSettings("a", true, 5));
    }

    @Test
    void noBadRequestIsA5xx() {
        BadRequests bad = new BadRequests(4242L);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String[] route = switch (bad.nextInt(5)) {
                case 0 -> new String[] {"GET", "/v1/addresses"};
                case 1, 2 -> new String[] {"POST", "/v1/addresses"};
                case 3 -> new String[] {"PUT", "/v1/addresses/" + bad.id()};
                default -> new String[] {"DELETE", "/v1/addresses/" + bad.id()};
            };
            Http1ClientRequest request = client.method(Method.create(route[0])).uri(route[1]);
            if (bad.nextInt(10) > 0) {
                String user = "fuzz-" + bad.nextInt(20);
                request.header(Identity.USER_ID, user);
                request.header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
            }
            request.header(HeaderNames.create("Idempotency-Key"), "k" + i);
            request.header(HeaderNames.CONTENT_TYPE, "application/json");
            try (Http1ClientResponse response = route[0].equals("GET") || route[0].equals("DELETE") ? request.request()
                    : request.submit(bad.body(FIELDS))) {
                int status = response.status().code();
                statuses.merge(status, 1, Integer::sum);
                String body = status == 204 ? "" : response.as(String.class);
                assertThat(route[0] + " " + route[1] + " -> " + body, status, lessThan(500));
                if (status >= 400) {
                    assertThat(body, containsString("\"code\":"));
                }
            }
        }
        System.out.println("address bad-input statuses: " + statuses);
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum(), is(REQUESTS));
    }
}
