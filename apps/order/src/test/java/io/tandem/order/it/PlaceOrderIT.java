package io.tandem.order.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Place-order on the real environment: db-a / db-b, catalog, offers, Kafka; the PSP is our simulator. */
class PlaceOrderIT {
    private static final Duration FINISH = Duration.ofSeconds(60);
    private static Simulator psp;
    private static OrderNode a;
    private static OrderNode b;
    private static String dbA;
    private static String dbB;

    @BeforeAll
    static void start() {
        dbA = Env.get("db.a.jdbc");
        dbB = Env.get("db.b.jdbc");
        Schema.migrate(dbA);
        Schema.migrate(dbB);
        psp = Simulator.start();
        a = OrderNode.start(OrderNode.config("c", dbA, psp.url(), Env.get("kafka.bootstrap")));
        b = OrderNode.start(OrderNode.config("d", dbB, psp.url(), Env.get("kafka.bootstrap")));
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (psp != null) {
            psp.close();
        }
    }

    @Test
    void placedOrderIsAnsweredAtOnceThenConfirmedChargedOnceAndPublished() {
        String user = Orders.user();
        HttpResponse<String> placed = a.place(user, Orders.key(), a.body(user, "tok_visa", Orders.product(), Orders.product()));
        assertThat(placed.body(), placed.statusCode(), is(202));
        String number = OrderNode.json(placed).getString("orderNumber");
        assertThat(number, endsWith("-C"));
        assertThat(OrderNode.json(placed).getString("status"), is("CREATED"));

        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.toString(), order.getString("status"), is("CONFIRMED"));
        assertThat(psp.count("charge", number), is(1L));
        assertThat(psp.booked(number).getJsonObject(0).getJsonNumber("amount").longValue(),
                is(order.getJsonNumber("totalCents").longValue()));
        awaitPublished(dbA, number);
        assertThat(OrderNode.json(a.get(user, "/v1/orders")).getJsonArray("orders").getJsonObject(0)
                .getString("orderNumber"), is(number));
    }

    @Test
    void declinedCardFailsWithAHintReleasesStockAndChargesNothing() {
        String user = Orders.user();
        String number = OrderNode.json(a.place(user, Orders.key(), a.body(user, "tok_declined", Orders.product())))
                .getString("orderNumber");
        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.getString("status"), is("FAILED"));
        assertThat(order.getJsonObject("failure").getString("code"), is("CARD_DECLINED"));
        assertThat(order.getJsonObject("failure").getString("hint"), containsString("another card"));
        assertThat(psp.count("charge", number), is(0L));
        assertThat(Db.count(Env.get("db.stock.jdbc"), "SELECT COUNT(*) FROM reservation WHERE order_number = ?"
                + " AND status = 'RELEASED'", number), is(1L));
        assertThat(Db.count(dbA, "SELECT COUNT(*) FROM outbox WHERE message_key = ?", number), is(0L));
    }

    @Test
    void outOfStockFailsNamingTheItemAndChargesNothing() {
        String user = Orders.user();
        String number = OrderNode.json(a.place(user, Orders.key(), a.body(user, "tok_visa", Orders.product(), "P00050")))
                .getString("orderNumber");
        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.getString("status"), is("FAILED"));
        assertThat(order.getJsonObject("failure").getString("code"), is("OUT_OF_STOCK"));
        assertThat(order.getJsonObject("failure").getString("hint"), containsString("P00050"));
        assertThat(psp.count("charge", number), is(0L));
        assertThat(Db.count(Env.get("db.stock.jdbc"), "SELECT COUNT(*) FROM reservation WHERE order_number = ?"
                + " AND status = 'HELD'", number), is(0L));
    }

    @Test
    void unknownProductFailsAtPricing() {
        String user = Orders.user();
        String number = OrderNode.json(a.place(user, Orders.key(), a.body(user, "tok_visa", "P99999")))
                .getString("orderNumber");
        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.getJsonObject("failure").getString("code"), is("UNKNOWN_PRODUCT"));
        assertThat(order.getJsonObject("failure").getString("step"), is("price"));
    }

    @Test
    void samePlaceOrderSentTwiceAtOnceMakesOneOrderAndOneCharge() {
        String user = Orders.user();
        String key = Orders.key();
        String body = a.body(user, "tok_visa", Orders.product());
        List<CompletableFuture<HttpResponse<String>>> twins = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> a.place(user, key, body))).toList();
        Set<String> numbers = new HashSet<>();
        for (var twin : twins) {
            HttpResponse<String> response = twin.join();
            assertThat(response.body(), response.statusCode(), is(202));
            numbers.add(OrderNode.json(response).getString("orderNumber"));
        }
        assertThat(numbers.toString(), numbers.size(), is(1));
        String number = numbers.iterator().next();
        assertThat(a.awaitTerminal(user, number, FINISH).getString("status"), is("CONFIRMED"));
        assertThat(Db.count(dbA, "SELECT COUNT(*) FROM orders WHERE user_id = ?", user), is(1L));
        assertThat(psp.count("charge", number), is(1L));
    }

    @Test
    void sameKeyWithAnotherOrderIs409AndBadInputIs4xx() {
        String user = Orders.user();
        String key = Orders.key();
        assertThat(a.place(user, key, a.body(user, "tok_visa", Orders.product())).statusCode(), is(202));
        HttpResponse<String> clash = a.place(user, key, a.body(user, "tok_visa", Orders.product(), Orders.product()));
        assertThat(clash.statusCode(), is(409));
        assertThat(OrderNode.json(clash).getString("code"), is("IDEMPOTENCY_KEY_REUSED"));
        assertThat(a.place(null, Orders.key(), a.body(user, "tok_visa", "P00001")).statusCode(), is(401));
        assertThat(a.place(user, null, a.body(user, "tok_visa", "P00001")).statusCode(), is(400));
        HttpResponse<String> withLines = a.place(user, Orders.key(),
                "{\"lines\":[{\"productId\":\"P00001\",\"quantity\":3}],\"cartId\":\"c-x\",\"addressId\":\"x\","
                        + "\"cardToken\":\"tok_visa\",\"expectedTotalCents\":1}");
        assertThat(withLines.statusCode(), is(400));
        assertThat(OrderNode.json(withLines).getString("message"), containsString("lines: not accepted"));
        assertThat(a.place(user, Orders.key(), "{not json").statusCode(), is(400));
        assertThat(a.get(user, "/v1/orders/NOT-A-NUMBER").statusCode(), is(400));
        assertThat(a.get(Orders.user(), "/v1/orders/" + OrderNode.json(a.get(user, "/v1/orders"))
                .getJsonArray("orders").getJsonObject(0).getString("orderNumber")).statusCode(), is(404));
    }

    @Test
    void bothClustersPlaceOrdersAtOnceEachInItsOwnDatabase() {
        int each = 25;
        List<CompletableFuture<String[]>> placed = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (OrderNode node : List.of(a, b)) {
                placed.add(CompletableFuture.supplyAsync(() -> {
                    String user = Orders.user();
                    JsonObject order = node.checkout(user, "tok_visa", FINISH, Orders.product());
                    return new String[] {user, order.getString("orderNumber")};
                }));
            }
        }
        Set<String> numbers = new HashSet<>();
        for (var future : placed) {
            String[] placedOrder = future.join();
            String number = placedOrder[1];
            OrderNode node = number.endsWith("-C") ? a : b;
            assertThat(node.awaitTerminal(placedOrder[0], number, FINISH).getString("status"), is("CONFIRMED"));
            numbers.add(number);
            String own = node == a ? dbA : dbB;
            String other = node == a ? dbB : dbA;
            assertThat(Db.count(own, "SELECT COUNT(*) FROM orders WHERE order_number = ?", number), is(1L));
            assertThat(Db.count(other, "SELECT COUNT(*) FROM orders WHERE order_number = ?", number), is(0L));
            assertThat(psp.count("charge", number), is(1L));
        }
        assertThat(numbers.size(), is(2 * each));
        assertThat(numbers.stream().filter(n -> n.endsWith("-D")).count(), is((long) each));
    }

    /** Waits until the order's outbox row is published; returns its payload. */
    static String awaitPublished(String jdbc, String number) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var rows = Db.rows(jdbc, "SELECT published_at, payload FROM outbox WHERE message_key = ?", number);
            if (!rows.isEmpty() && rows.get(0).get(0) != null) {
                assertThat(rows.get(0).get(0), notNullValue());
                return String.valueOf(rows.get(0).get(1));
            }
            JavaProcess.sleep(100);
        }
        throw new AssertionError("outbox row of " + number + " not published");
    }

    @Test
    void theOrderIsTheCartsLinesToTheUsersOwnAddressCopiedIntoTheOrderAndItsEvent() {
        String user = Orders.user();
        String product = Orders.product();
        Checkouts.Shopper shopper = a.checkouts().shopper(user, product);
        String cartId = shopper.cartId();
        String addressId = shopper.addressId();
        HttpResponse<String> placed = a.place(user, Orders.key(), shopper.body("tok_visa"));
        assertThat(placed.body(), placed.statusCode(), is(202));
        String number = OrderNode.json(placed).getString("orderNumber");
        // An edit of the address after placing does not move the order.
        Db.update(dbA, "UPDATE address SET city = 'Elsewhere' WHERE address_id = ?", addressId);
        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.toString(), order.getString("status"), is("CONFIRMED"));
        assertThat(order.getJsonArray("lines").size(), is(1));
        assertThat(order.getJsonArray("lines").getJsonObject(0).getString("productId"), is(product));
        assertThat(order.getJsonArray("lines").getJsonObject(0).getInt("quantity"), is(1));
        assertThat(order.getString("cartId"), is(cartId));
        assertThat(order.getJsonObject("shippingAddress").getString("city"), is("Berlin"));
        String event = awaitPublished(dbA, number);
        assertThat(event, containsString("\"shippingAddress\""));
        assertThat(event, containsString("\"addressId\":\"" + addressId + "\""));
    }

    @Test
    void aCartYieldsOneOrderAndARepeatReplaysTheFirst() {
        String user = Orders.user();
        String product = Orders.product();
        String body = a.checkouts().shopper(user, product).body("tok_visa");
        String key = Orders.key();
        String number = OrderNode.json(a.place(user, key, body)).getString("orderNumber");
        HttpResponse<String> again = a.place(user, key, body);
        assertThat(again.statusCode(), is(202));
        assertThat(OrderNode.json(again).getString("orderNumber"), is(number));
        HttpResponse<String> second = a.place(user, Orders.key(), body);
        assertThat(second.body(), second.statusCode(), is(409));
        assertThat(OrderNode.json(second).getString("code"), is("CART_ALREADY_ORDERED"));
        assertThat(OrderNode.json(second).getString("message"), containsString(number));
        assertThat(Db.count(dbA, "SELECT COUNT(*) FROM orders WHERE user_id = ?", user), is(1L));
    }

    @Test
    void aCartWhoseOrderFailedMayBeOrderedAgain() {
        String user = Orders.user();
        String product = Orders.product();
        Checkouts.Shopper shopper = a.checkouts().shopper(user, product);
        String declined = OrderNode.json(a.place(user, Orders.key(), shopper.body("tok_declined"))).getString("orderNumber");
        assertThat(a.awaitTerminal(user, declined, FINISH).getString("status"), is("FAILED"));
        HttpResponse<String> retried = a.place(user, Orders.key(), shopper.body("tok_visa"));
        assertThat(retried.body(), retried.statusCode(), is(202));
        String number = OrderNode.json(retried).getString("orderNumber");
        assertThat(a.awaitTerminal(user, number, FINISH).getString("status"), is("CONFIRMED"));
        assertThat(psp.count("charge", number), is(1L));
    }

    @Test
    void everyRefusalIsClearAndWritesNothing() {
        String bob = Orders.user();
        String alice = Orders.user();
        String product = Orders.product();
        Checkouts fixture = a.checkouts();
        String bobsAddress = fixture.address(bob);
        String alicesCart = fixture.cart(alice, product);
        String alicesAddress = fixture.address(alice);
        String bobsCart = fixture.cart(bob, product);
        String onB = b.checkouts().cart(bob, product);

        assertRefused(a.place(bob, Orders.key(), Checkouts.body(alicesCart, bobsAddress, "tok_visa", 1)), 422, "CART_NOT_FOUND");
        assertRefused(a.place(bob, Orders.key(), Checkouts.body("c-" + "n".repeat(22), bobsAddress, "tok_visa", 1)),
                422, "CART_NOT_FOUND");
        assertRefused(a.place(bob, Orders.key(), Checkouts.body(onB, bobsAddress, "tok_visa", 1)), 409, "CART_ON_OTHER_CLUSTER");
        assertRefused(a.place(bob, Orders.key(), Checkouts.body(bobsCart, alicesAddress, "tok_visa", 1)), 422, "ADDRESS_NOT_FOUND");
        assertRefused(a.place(bob, Orders.key(), Checkouts.body(bobsCart, "nonexistent", "tok_visa", 1)), 422, "ADDRESS_NOT_FOUND");
        assertThat(Db.count(dbA, "SELECT COUNT(*) FROM orders WHERE user_id = ?", bob), is(0L));
        assertThat(Db.count(dbA, "SELECT COUNT(*) FROM cart_order WHERE user_id = ?", bob), is(0L));
    }

    @Test
    void aTotalOtherThanTheAcceptedOneFailsPriceChangedWithTheNewTotalAndChargesNothing() {
        String user = Orders.user();
        String product = Orders.product();
        Checkouts.Shopper shopper = a.checkouts().shopper(user, product);
        long total = shopper.total();
        String number = OrderNode.json(a.place(user, Orders.key(), shopper.body("tok_visa", total - 1))).getString("orderNumber");
        JsonObject order = a.awaitTerminal(user, number, FINISH);
        assertThat(order.getString("status"), is("FAILED"));
        assertThat(order.getJsonObject("failure").getString("code"), is("PRICE_CHANGED"));
        assertThat(order.getJsonNumber("totalCents").longValue(), is(total));
        assertThat(order.getJsonObject("failure").getString("hint"), containsString("expectedTotalCents=" + total));
        assertThat(psp.count("charge", number), is(0L));
        // The shopper accepts the new total: the same cart orders at it.
        String accepted = OrderNode.json(a.place(user, Orders.key(), shopper.body("tok_visa"))).getString("orderNumber");
        assertThat(a.awaitTerminal(user, accepted, FINISH).getString("status"), is("CONFIRMED"));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.body(), response.statusCode(), is(status));
        assertThat(response.body(), OrderNode.json(response).getString("code"), is(code));
        assertThat(response.body(), OrderNode.json(response).getString("hint").isBlank(), is(false));
    }
}
