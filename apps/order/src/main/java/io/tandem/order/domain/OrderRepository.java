package io.tandem.order.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where orders are kept, as the saga and the API need them; the store implements it on the order database
 * ({@code store/Orders}), a unit test in memory. Every change of status names the status it moves from and answers
 * whether it moved the order: a step applied twice (a retry, a second worker, a resumed crash) changes nothing the
 * second time, and the caller knows another was first.
 */
public interface OrderRepository {
    /** What {@link #place} did. */
    enum Outcome {
        /** stored, CREATED, the cart now names this order */
        PLACED,
        /** this user already placed an order with this idempotency key: nothing written */
        KEY_TAKEN,
        /** the cart has a live (not FAILED) order already: nothing written */
        CART_TAKEN
    }

    /**
     * @param outcome      what happened
     * @param cartOrder    with {@link Outcome#CART_TAKEN}: the order that has the cart
     * @param firstOfCart  with {@link Outcome#PLACED}: the cart had no order before (not a new order of a cart whose
     *                     order FAILED), so its session placed an order for the first time: what time to checkout
     *                     and cart abandonment count, once per session
     */
    record Placement(Outcome outcome, String cartOrder, boolean firstOfCart) {
        public static Placement placed(boolean firstOfCart) {
            return new Placement(Outcome.PLACED, null, firstOfCart);
        }

        public static Placement keyTaken() {
            return new Placement(Outcome.KEY_TAKEN, null, false);
        }

        public static Placement cartTaken(String cartOrder) {
            return new Placement(Outcome.CART_TAKEN, cartOrder, false);
        }
    }

    /**
     * A new CREATED order bound to its cart, at once: the order, and the cart's claim (a cart whose order FAILED is
     * claimed anew; one with a live order is refused). The user's idempotency key is unique.
     */
    Placement place(String number, String cluster, String userId, String key, String fingerprint, String cartId,
                    String addressId, String requestJson, long now);

    Optional<OrderRecord> find(String number);

    Optional<OrderRecord> findByKey(String userId, String key);

    /** The user's orders, newest first. */
    List<OrderRecord> byUser(String userId, int limit);

    /**
     * FAILED at pricing with the new prices kept (CREATED -> FAILED): the client reads the new total from the order
     * and may place the cart again with it.
     */
    boolean failPriced(String number, String pricingJson, long totalCents, String currency, String code,
                       String message, String hint);

    /** CREATED -> PRICED; {@code now} is stored as the time priced and updated. */
    boolean markPriced(String number, String pricingJson, long totalCents, String currency, long now);

    /** PRICED -> RESERVED at {@code now}. */
    boolean markReserved(String number, long now);

    /** RESERVED -> PAID by {@code paymentId} at {@code now}. */
    boolean markPaid(String number, String paymentId, long now);

    /**
     * PAID -> CONFIRMED at {@code now} and the {@code order.confirmed} event ({@code eventJson}, keyed by the order
     * number) for the outbox relay, both or neither.
     */
    boolean confirm(String number, String cluster, String eventJson, long now);

    /** FAILED with a reason the client can act on; only from the status the failing step started in. */
    boolean markFailed(String number, OrderStatus from, String step, String code, String message, String hint);

    /** Unfinished orders of a cluster not touched since {@code before}, oldest first. */
    List<String> unfinishedIdleSince(String cluster, long before, int limit);
}
