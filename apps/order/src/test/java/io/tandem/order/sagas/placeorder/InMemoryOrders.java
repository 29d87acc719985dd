package io.tandem.order.sagas.placeorder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderRepository;
import io.tandem.order.domain.OrderStatus;

/**
 * An {@link OrderRepository} in memory, for unit tests of the saga only (the ITs run on the order database). Like the
 * store, a change of status happens only from the status it names and says whether it did; {@link #beforeChange} lets
 * a test move an order first, as a second worker would.
 */
final class InMemoryOrders implements OrderRepository {
    /** An {@code order.confirmed} event as the store would put it in the outbox. */
    record Event(String cluster, String key, String json) {
    }

    private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
    private final Map<String, String> cartOrders = new LinkedHashMap<>();
    final List<Event> outbox = new ArrayList<>();
    /** Each status an order was stored in, in order. */
    final List<OrderStatus> history = new ArrayList<>();
    int reads;
    private Consumer<String> beforeChange = number -> { };

    void beforeChange(Consumer<String> hook) {
        this.beforeChange = hook;
    }

    /** Stores an order as it is, as another worker would have (no check). */
    void put(OrderRecord order) {
        orders.put(order.orderNumber(), order);
        history.add(order.status());
    }

    @Override
    public Placement place(String number, String cluster, String userId, String key, String fingerprint, String cartId,
                           String addressId, String requestJson, long now) {
        if (orders.values().stream().anyMatch(o -> o.userId().equals(userId) && o.idempotencyKey().equals(key))) {
            return Placement.keyTaken();
        }
        String holder = cartOrders.get(cartId);
        if (holder != null && orders.get(holder).status() != OrderStatus.FAILED) {
            return Placement.cartTaken(holder);
        }
        cartOrders.put(cartId, number);
        put(new OrderRecord(number, cluster, userId, key, fingerprint, OrderStatus.CREATED, requestJson, null, null, null,
                null, null, null, null, null, now, now, null, null));
        return Placement.placed(holder == null);
    }

    @Override
    public Optional<OrderRecord> find(String number) {
        reads++;
        return Optional.ofNullable(orders.get(number));
    }

    @Override
    public Optional<OrderRecord> findByKey(String userId, String key) {
        return orders.values().stream().filter(o -> o.userId().equals(userId) && o.idempotencyKey().equals(key))
                .findFirst();
    }

    @Override
    public List<OrderRecord> byUser(String userId, int limit) {
        return orders.values().stream().filter(o -> o.userId().equals(userId))
                .sorted(Comparator.comparing(OrderRecord::orderNumber).reversed()).limit(limit).toList();
    }

    @Override
    public boolean failPriced(String number, String pricingJson, long totalCents, String currency, String code,
                              String message, String hint) {
        long now = System.currentTimeMillis();
        return change(number, OrderStatus.CREATED, o -> new OrderRecord(number, o.cluster(), o.userId(),
                o.idempotencyKey(), o.fingerprint(), OrderStatus.FAILED, o.requestJson(), pricingJson, totalCents, currency,
                o.paymentId(), code, message, hint, "price", o.createdAt(), now, null, now));
    }

    @Override
    public boolean markPriced(String number, String pricingJson, long totalCents, String currency, long now) {
        return change(number, OrderStatus.CREATED, o -> o.priced(pricingJson, totalCents, currency, now));
    }

    @Override
    public boolean markReserved(String number, long now) {
        return change(number, OrderStatus.PRICED, o -> o.moved(OrderStatus.RESERVED, now));
    }

    @Override
    public boolean markPaid(String number, String paymentId, long now) {
        return change(number, OrderStatus.RESERVED, o -> o.paid(paymentId, now));
    }

    @Override
    public boolean confirm(String number, String cluster, String eventJson, long now) {
        boolean confirmed = change(number, OrderStatus.PAID, o -> o.moved(OrderStatus.CONFIRMED, now));
        if (confirmed) {
            outbox.add(new Event(cluster, number, eventJson));
        }
        return confirmed;
    }

    @Override
    public boolean markFailed(String number, OrderStatus from, String step, String code, String message, String hint) {
        long now = System.currentTimeMillis();
        return change(number, from, o -> new OrderRecord(number, o.cluster(), o.userId(), o.idempotencyKey(),
                o.fingerprint(), OrderStatus.FAILED, o.requestJson(), o.pricingJson(), o.totalCents(), o.currency(),
                o.paymentId(), code, message, hint, step, o.createdAt(), now, o.confirmedAt(), now));
    }

    @Override
    public List<String> unfinishedIdleSince(String cluster, long before, int limit) {
        return orders.values().stream().filter(o -> o.cluster().equals(cluster) && !o.status().terminal()
                && o.updatedAt() < before).sorted(Comparator.comparingLong(OrderRecord::updatedAt))
                .map(OrderRecord::orderNumber).limit(limit).toList();
    }

    private boolean change(String number, OrderStatus from, java.util.function.UnaryOperator<OrderRecord> to) {
        beforeChange.accept(number);
        OrderRecord order = orders.get(number);
        if (order == null || order.status() != from) {
            return false;
        }
        put(to.apply(order));
        return true;
    }
}
