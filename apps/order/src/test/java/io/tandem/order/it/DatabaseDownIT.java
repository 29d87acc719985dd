package io.tandem.order.it;

import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The order service starts while its database is down (a cluster must come up and serve carts meanwhile): no
 * connection at start, and placing an order answers 503 STORE_UNAVAILABLE with Retry-After, not a 500.
 */
class DatabaseDownIT {
    @Test
    void startsWithoutItsDatabaseAndRefusesOrdersCleanly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "jdbc:mysql://127.0.0.1:" + closedPort + "/tandem";
        try (Simulator psp = Simulator.start();
             OrderNode node = OrderNode.start(OrderNode.config("c", nowhere, psp.url(), Env.get("kafka.bootstrap")))) {
            HttpResponse<String> placed = node.place(Orders.user(), Orders.key(),
                    Checkouts.body("c-" + "x".repeat(22), "ad-1", "tok_visa", 100));

            assertThat(placed.body(), placed.statusCode(), is(503));
            assertThat(OrderNode.json(placed).getString("code"), is("STORE_UNAVAILABLE"));
            assertThat(placed.headers().firstValue("Retry-After").isPresent(), is(true));
        }
    }
}
