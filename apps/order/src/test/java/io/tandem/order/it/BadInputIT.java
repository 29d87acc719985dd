package io.tandem.order.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tandem.common.testing.TestIdentity;
import io.tandem.common.testing.BadRequests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A few thousand generated bad requests to every order route, on the real order database: none is a 5xx, every
 * refusal is in the one error shape. Lines are sometimes well formed around bad values, so the line checks are
 * reached too (and the odd valid order is simply placed).
 */
class BadInputIT {
    private static final int REQUESTS = 2000;
    private static final List<String> ORDER_FIELDS = List.of("cartId", "addressId", "cardToken", "expectedTotalCents", "lines");
    private static final List<String> LINE_FIELDS = List.of("productId", "quantity");
    private static Simulator psp;
    private static OrderNode node;

    @BeforeAll
    static void start() {
        Schema.migrate(Env.get("db.a.jdbc"));
        psp = Simulator.start();
        node = OrderNode.start(OrderNode.config("c", Env.get("db.a.jdbc"), psp.url(), Env.get("kafka.bootstrap")));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (psp != null) {
            psp.close();
        }
    }

    @Test
    void noBadRequestIsA5xx() {
        BadRequests bad = new BadRequests(5151L);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest.Builder request = switch (bad.nextInt(4)) {
                case 0 -> HttpRequest.newBuilder(uri("/v1/orders?limit=" + bad.id())).GET();
                case 1 -> HttpRequest.newBuilder(uri("/v1/orders/" + bad.id())).GET();
                default -> HttpRequest.newBuilder(node.base().resolve("/v1/orders"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body(bad)));
            };
            if (bad.nextInt(10) > 0) {
                String user = "it-fuzz-" + bad.nextInt(20);
                request.header("X-User-Id", user).header("X-Identity-Assertion", TestIdentity.assertion(user));
            }
            if (bad.nextInt(10) > 0) {
                request.header("Idempotency-Key", "fuzz-" + i);
            }
            HttpResponse<String> response = OrderNode.send(request.header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).build());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.request().uri() + " -> " + response.body(), response.statusCode(), lessThan(500));
            if (response.statusCode() >= 400) {
                assertThat(response.body(), containsString("\"code\":"));
            }
        }
        System.out.println("order bad-input statuses: " + statuses);
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum(), is(REQUESTS));
    }

    /** A generated id may hold a lone '%', which no URI may: sent escaped then. */
    private static java.net.URI uri(String pathAndQuery) {
        try {
            return node.base().resolve(pathAndQuery);
        } catch (IllegalArgumentException e) {
            return node.base().resolve(pathAndQuery.replace("%", "%25"));
        }
    }

    /** Mostly a wrong order body; a third of the time a well-formed order around one generated line. */
    private static byte[] body(BadRequests bad) {
        if (bad.nextInt(3) > 0) {
            return bad.body(ORDER_FIELDS);
        }
        String line = new String(bad.body(LINE_FIELDS), java.nio.charset.StandardCharsets.UTF_8);
        return ("{\"lines\":[" + line + "],\"addressId\":\"addr-1\",\"cardToken\":\"tok_visa\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
