package io.tandem.order.checkout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.tandem.common.api.ApiException;
import io.tandem.common.checkout.CheckoutCart;
import io.tandem.common.checkout.CheckoutCarts;
import io.tandem.common.pricing.Line;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderLine;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** Every refusal of a place-order request before anything is written: cart, owner, cluster, expiry, address. */
class CheckoutBinderTest {
    private static final long NOW = 1_000_000L;
    private final Map<String, CheckoutCart> carts = new HashMap<>();
    private final Map<String, JsonObject> addresses = new HashMap<>();

    private final CheckoutCarts store = new CheckoutCarts() {
        @Override
        public void save(CheckoutCart cart, Duration ttl) {
            carts.put(cart.cartId(), cart);
        }

        @Override
        public Optional<CheckoutCart> find(String cartId) {
            return Optional.ofNullable(carts.get(cartId));
        }
    };

    private CheckoutBinder binder(Duration addressWait) {
        return new CheckoutBinder("a", store, (user, id) -> Optional.ofNullable(addresses.get(user + "/" + id)),
                addressWait, () -> NOW);
    }

    private void cart(String id, String user, long expiresAt, Line... lines) {
        carts.put(id, new CheckoutCart(id, "BUY_NOW", user, "a", "s", List.of(lines), NOW - 10, expiresAt));
    }

    private void address(String user, String id) {
        addresses.put(user + "/" + id, Json.createObjectBuilder().add("addressId", id).add("city", "Berlin").build());
    }

    @Test
    void theOrderTakesTheCartsLinesAndACopyOfTheAddress() {
        cart("a-1", "bob", NOW + 60_000, new Line("P1", 2), new Line("P2", 1));
        address("bob", "ad-1");
        CheckoutOrder order = binder(Duration.ZERO).bind("bob", "a-1", "ad-1", "tok_visa", 1999);
        assertThat(order.lines(), is(List.of(new OrderLine("P1", 2), new OrderLine("P2", 1))));
        assertThat(order.address().getString("city"), is("Berlin"));
        assertThat(order.cartId(), is("a-1"));
        assertThat(order.expectedTotalCents(), is(1999L));
        assertThat("the session started when its cart was made", order.sessionStartedAt(), is(NOW - 10));
    }

    @Test
    void unknownExpiredAnotherUsersAndOtherClustersCartsAreRefused() {
        address("bob", "ad-1");
        cart("a-alice", "alice", NOW + 60_000, new Line("P1", 1));
        cart("a-old", "bob", NOW - 1, new Line("P1", 1));
        cart("a-empty", "bob", NOW + 60_000);
        assertRefused("a-none", 422, "CART_NOT_FOUND");
        assertRefused("a-alice", 422, "CART_NOT_FOUND");
        assertRefused("a-old", 422, "CART_NOT_FOUND");
        assertRefused("a-empty", 422, "CART_EMPTY");
        assertRefused("b-1", 409, "CART_ON_OTHER_CLUSTER");
    }

    @Test
    void anAddressOfAnotherUserOrNoneIsRefused() {
        cart("a-1", "bob", NOW + 60_000, new Line("P1", 1));
        address("alice", "ad-alice");
        ApiException e = refusal(() -> binder(Duration.ZERO).bind("bob", "a-1", "ad-alice", "tok", 1));
        assertThat(e.status().code(), is(422));
        assertThat(e.error().code(), is("ADDRESS_NOT_FOUND"));
        assertThat(e.error().message(), containsString("ad-alice"));
    }

    @Test
    void anAddressNotYetOnTheReplicaIsWaitedForUpToTheBound() {
        cart("a-1", "bob", NOW + 60_000, new Line("P1", 1));
        AtomicInteger asked = new AtomicInteger();
        CheckoutBinder lagging = new CheckoutBinder("a", store, (user, id) -> asked.incrementAndGet() < 3
                ? Optional.empty() : Optional.of(Json.createObjectBuilder().add("addressId", id).build()),
                Duration.ofSeconds(2), () -> NOW);
        assertThat(lagging.bind("bob", "a-1", "ad-new", "tok", 1).addressId(), is("ad-new"));
        assertThat(asked.get(), is(3));

        long started = System.nanoTime();
        ApiException e = refusal(() -> binder(Duration.ofMillis(300)).bind("bob", "a-1", "ad-never", "tok", 1));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(e.error().code(), is("ADDRESS_NOT_FOUND"));
        assertThat(waitedMs, greaterThanOrEqualTo(300L));
        assertThat(waitedMs, lessThan(2_000L));
    }

    private void assertRefused(String cartId, int status, String code) {
        ApiException e = refusal(() -> binder(Duration.ZERO).bind("bob", cartId, "ad-1", "tok", 1));
        assertThat(cartId, e.status().code(), is(status));
        assertThat(cartId, e.error().code(), is(code));
        assertThat(e.error().hint(), containsString(status == 409 ? "session key" : "checkout"));
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
