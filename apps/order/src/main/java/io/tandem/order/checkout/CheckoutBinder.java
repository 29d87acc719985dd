package io.tandem.order.checkout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.helidon.http.Status;

import io.tandem.common.api.ApiException;
import io.tandem.common.checkout.CheckoutCart;
import io.tandem.common.checkout.CheckoutCarts;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderLine;

import jakarta.json.JsonObject;

/**
 * Binds a place-order request to what the session really has: the checkout cart in this cluster's store (its
 * lines, never the client's) and an address of the user's own, copied. Every refusal is an {@link ApiException}
 * in the house shape, thrown before anything is written or charged.
 */
public final class CheckoutBinder {
    /** How long an address missing on a replica is waited for before 422 ADDRESS_NOT_FOUND (replica lag). */
    public static final Duration DEFAULT_ADDRESS_WAIT = Duration.ofSeconds(2);
    static final Duration ADDRESS_POLL = Duration.ofMillis(100);

    /** Reads a user's address: empty when there is none of this user with this id. */
    @FunctionalInterface
    public interface AddressBook {
        Optional<JsonObject> find(String userId, String addressId);
    }

    private final String cluster;
    private final CheckoutCarts carts;
    private final AddressBook addresses;
    private final Duration addressWait;
    private final LongSupplier clock;

    /**
     * @param addressWait how long to wait for an address that is not (yet) there: the replica lag bound on a
     *                    cluster that reads a replica, zero where reads go to the primary
     */
    public CheckoutBinder(String cluster, CheckoutCarts carts, AddressBook addresses, Duration addressWait,
                          LongSupplier clock) {
        this.cluster = cluster;
        this.carts = carts;
        this.addresses = addresses;
        this.addressWait = addressWait;
        this.clock = clock;
    }

    /**
     * The order's content: the cart's lines, a copy of the address, the card, the accepted total, and when the
     * session started (the cart's creation, when its session key was issued).
     */
    public CheckoutOrder bind(String userId, String cartId, String addressId, String cardToken, long expectedTotalCents) {
        CheckoutCart cart = cart(userId, cartId);
        JsonObject address = address(userId, addressId);
        return new CheckoutOrder(cartId, lines(cart), address, cardToken, expectedTotalCents, cart.createdAt());
    }

    private CheckoutCart cart(String userId, String cartId) {
        Optional<String> madeOn = CheckoutCart.clusterOf(cartId);
        if (madeOn.isPresent() && !madeOn.get().equals(cluster)) {
            throw new ApiException(Status.CONFLICT_409, "CART_ON_OTHER_CLUSTER",
                    "cartId: cart " + cartId + " was made on cluster " + madeOn.get() + ", this is cluster " + cluster
                            + "; an order is placed where its checkout started.",
                    "Send the session key issued with the cart (X-Session-Key), or start a new checkout.");
        }
        CheckoutCart cart = carts.find(cartId).filter(c -> c.userId().equals(userId))
                .orElseThrow(() -> ApiException.refused("CART_NOT_FOUND", "cartId", "cartId: no checkout cart " + cartId
                        + " for this user: unknown, another user's, or expired.", "Start a new checkout."));
        if (cart.expired(clock.getAsLong())) {
            throw ApiException.refused("CART_NOT_FOUND", "cartId", "cartId: checkout cart " + cartId + " has expired.",
                    "Start a new checkout.");
        }
        if (cart.lines().isEmpty()) {
            throw ApiException.refused("CART_EMPTY", "cartId", "cartId: checkout cart " + cartId + " has no lines.",
                    "Add a product and start the checkout again.");
        }
        return cart;
    }

    private JsonObject address(String userId, String addressId) {
        long deadline = System.nanoTime() + addressWait.toNanos();
        while (true) {
            Optional<JsonObject> found = addresses.find(userId, addressId);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() >= deadline) {
                throw ApiException.refused("ADDRESS_NOT_FOUND", "addressId", "addressId: no address " + addressId
                        + " for this user.", "Pick one of GET /v1/addresses, or add one first.");
            }
            sleep(ADDRESS_POLL);
        }
    }

    /** One line per product, in the cart's order (a cart never holds a product twice, but an order must not either). */
    private static List<OrderLine> lines(CheckoutCart cart) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        cart.lines().forEach(l -> quantities.merge(l.productId(), l.quantity(), Integer::sum));
        return quantities.entrySet().stream().map(e -> new OrderLine(e.getKey(), e.getValue())).toList();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an address", e);
        }
    }
}
