package io.tandem.order.api;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.order.domain.OrderTrace;
import io.tandem.common.trace.Traces;
import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Reply;
import io.tandem.common.logging.LogContext;
import io.tandem.common.openapi.OpenApiDocument;
import io.tandem.order.checkout.CheckoutBinder;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderRepository;
import io.tandem.order.number.OrderNumber;
import io.tandem.order.number.NoNodeLeaseException;
import io.tandem.order.number.OrderNumbers;
import io.tandem.order.observe.OrderMetrics;
import io.tandem.order.sagas.placeorder.OrderWorker;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;

/**
 * Orders API, v1 (user from {@code X-User-Id}, set by the proxy), on the house {@link Api} (rate limits, route
 * metrics, the one error shape); document {@code /openapi/order}:
 * <pre>
 * POST /v1/orders            place (Idempotency-Key required): 202 {orderNumber, status} at once, the saga runs after
 * GET  /v1/orders/{number}   the order, its status and, when FAILED, a reason with a hint
 * GET  /v1/orders?limit=20   the user's orders, newest first
 * </pre>
 * The idempotency key is kept with the order (unique per user in the order database, for good), not in Redis:
 * the same key and body answer the first order; the same key with another body is a 409. An order is the checkout
 * of its cart ({@link CheckoutBinder}): the cart's lines, the user's own address copied in, the accepted total;
 * a cart yields one live order (409 CART_ALREADY_ORDERED naming it).
 */
public final class OrderService implements HttpService {
    public static final int MAX_KEY = 100;
    public static final int DEFAULT_LIST_LIMIT = 20;
    public static final int MAX_LIST_LIMIT = 100;
    /**
     * Retry-After of a placement refused while this process holds no order-number node id: a lease is looked for at
     * every renewal (3 s by default), and another instance of the cluster may take the retry at once.
     */
    public static final java.time.Duration NO_NODE_RETRY_AFTER = java.time.Duration.ofSeconds(2);
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z]{13}-[A-Da-d]");
    private static final System.Logger LOG = System.getLogger(OrderService.class.getName());

    private final Api api;
    private final OrderRepository orders;
    private final OrderNumbers numbers;
    private final OrderWorker worker;
    private final OrderMetrics metrics;
    private final String cluster;
    private final CheckoutBinder binder;

    public OrderService(Api api, OrderRepository orders, OrderNumbers numbers, OrderWorker worker, OrderMetrics metrics,
                        String cluster, CheckoutBinder binder) {
        this.api = api;
        this.orders = orders;
        this.binder = binder;
        this.numbers = numbers;
        this.worker = worker;
        this.metrics = metrics;
        this.cluster = cluster;
    }

    @Override
    public void routing(HttpRules rules) {
        api.post(rules, "/v1/orders", this::place);
        api.get(rules, "/v1/orders", this::list);
        api.get(rules, "/v1/orders/{number}", this::one);
        OpenApiDocument.register(rules, "order");
    }

    private Reply place(ApiRequest req) {
        String user = req.user();
        String key = req.header("Idempotency-Key")
                .orElseThrow(() -> ApiException.badField("Idempotency-Key", "required header"));
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw ApiException.badField("Idempotency-Key", "1.." + MAX_KEY + " characters");
        }
        PlaceOrderRequest request = PlaceOrderRequest.parse(req.json());
        String fingerprint = sha256(request.toJson().toString());
        // A repeat answers what the first answered, whatever became of the cart since.
        Optional<Reply> replay = replay(user, key, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        CheckoutOrder checkout = binder.bind(user, request.cartId(), request.addressId(), request.cardToken(),
                request.expectedTotalCents());
        String number = nextNumber();
        Traces.tagOrder(number);
        long now = System.currentTimeMillis();
        // From here every line of this request names the order (order_number), beside its request id.
        try (LogContext.Scope scope = LogContext.withOrderNumber(number)) {
            // The trace context goes with the order: its saga steps, run later by the worker, join this trace.
            OrderRepository.Placement placement = orders.place(number, cluster, user, key, fingerprint, checkout.cartId(),
                    checkout.addressId(), OrderTrace.withCurrent(checkout.toJson()), now);
            return switch (placement.outcome()) {
                case PLACED -> {
                    metrics.placed();
                    if (placement.firstOfCart() && checkout.sessionStartedAt() != null) {
                        // once per session: a cart whose order FAILED and is placed again ordered already
                        metrics.sessionOrdered(checkout.sessionStartedAt(), now);
                    }
                    LOG.log(Level.INFO, "order placed: CREATED, cart " + checkout.cartId() + ", "
                            + checkout.lines().size() + " lines; its saga is scheduled");
                    try {
                        worker.submit(number);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "order " + number + " stored, task not yet: the sweeper will schedule it", e);
                    }
                    yield Reply.of(Status.ACCEPTED_202, accepted(number, "CREATED"));
                }
                case KEY_TAKEN -> replay(user, key, fingerprint)
                        .orElseThrow(() -> new IllegalStateException("order vanished for key " + key));
                case CART_TAKEN -> throw new ApiException(Status.CONFLICT_409, "CART_ALREADY_ORDERED",
                        "cartId: cart " + checkout.cartId() + " is already ordered, as order " + placement.cartOrder()
                                + "; a cart yields one order.",
                        "Follow order " + placement.cartOrder() + " (GET /v1/orders/" + placement.cartOrder()
                                + "), or start a new checkout for another order.");
            };
        }
    }

    /** A number under this process's node lease; without one, 503 (never a number another process may issue too). */
    private String nextNumber() {
        try {
            return numbers.next().toString();
        } catch (NoNodeLeaseException e) {
            LOG.log(Level.WARNING, "order refused: " + e.getMessage());
            throw ApiException.unavailable("ORDER_NUMBERS_UNAVAILABLE",
                    "This order node holds no order-number lease right now; nothing was placed.",
                    "Retry after the Retry-After seconds with the same Idempotency-Key.", NO_NODE_RETRY_AFTER);
        }
    }

    /** The first answer to this user's idempotency key, or a 409 when the key was used for another request. */
    private Optional<Reply> replay(String user, String key, String fingerprint) {
        return orders.findByKey(user, key).map(first -> {
            if (!first.fingerprint().equals(fingerprint)) {
                throw new ApiException(Status.CONFLICT_409, "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used for another order (" + first.orderNumber() + ")",
                        "use a new Idempotency-Key for a new order");
            }
            return Reply.of(Status.ACCEPTED_202, accepted(first.orderNumber(), first.status().name()))
                    .withHeader("Idempotent-Replayed", "true");
        });
    }

    private Reply one(ApiRequest req) {
        String user = req.user();
        String number = req.path("number", 15, NUMBER);
        try {
            OrderNumber.parse(number);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("number", "not an order number");
        }
        OrderRecord order = orders.find(number).filter(o -> o.userId().equals(user))
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "ORDER_NOT_FOUND",
                        "no order " + number + " for this user", "check the order number"));
        return Reply.ok(OrderJson.detail(order));
    }

    private Reply list(ApiRequest req) {
        String user = req.user();
        int limit = DEFAULT_LIST_LIMIT;
        Optional<String> asked = req.query("limit");
        if (asked.isPresent()) {
            try {
                limit = Integer.parseInt(asked.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIST_LIMIT) {
                throw ApiException.badField("limit", "a whole number 1.." + MAX_LIST_LIMIT);
            }
        }
        var array = Jsons.JSON.createArrayBuilder();
        orders.byUser(user, limit).forEach(o -> array.add(OrderJson.summary(o)));
        return Reply.ok(Jsons.JSON.createObjectBuilder().add("orders", array).build());
    }

    private static JsonObject accepted(String number, String status) {
        return Jsons.JSON.createObjectBuilder().add("orderNumber", number).add("status", status)
                .add("links", Jsons.JSON.createObjectBuilder().add("self", "/v1/orders/" + number)).build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
