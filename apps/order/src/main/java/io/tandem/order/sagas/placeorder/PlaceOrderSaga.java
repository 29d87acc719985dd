package io.tandem.order.sagas.placeorder;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

import io.tandem.common.logging.LogContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import io.tandem.common.trace.Traces;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderRepository;
import io.tandem.order.domain.OrderStatus;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;
import io.tandem.order.observe.OrderMetrics;
import io.tandem.order.pricing.Pricer;
import io.tandem.order.stock.StockHolds;
import io.tandem.payment.PaymentResult;
import io.tandem.payment.Payments;

/**
 * Moves one order forward, step by step, from whatever status is stored: CREATED -> PRICED -> RESERVED -> PAID
 * -> CONFIRMED. Each step is idempotent and its result is stored before the next one starts, so running this
 * again after a crash, or twice at once, ends in the same place. A {@link StepFailure} compensates in reverse
 * (refund, release) and ends FAILED; any other exception leaves the order where it is, to be retried later.
 */
public final class PlaceOrderSaga {
    /** How long pricing may keep failing before the order fails with PRICING_UNAVAILABLE (nothing to undo yet). */
    public static final Duration DEFAULT_PRICING_DEADLINE = Duration.ofMinutes(2);
    /** The failure code of an order whose priced total is not the one the shopper accepted. */
    public static final String PRICE_CHANGED = "PRICE_CHANGED";
    private static final System.Logger LOG = System.getLogger(PlaceOrderSaga.class.getName());

    private final OrderRepository orders;
    private final Pricer pricer;
    private final StockHolds stock;
    private final Payments payments;
    private final ConfirmStep confirmStep;
    private final OrderMetrics metrics;
    private final Duration pricingDeadline;
    private volatile Duration stepPause = Duration.ZERO;
    private volatile Runnable onConfirmed = () -> { };

    public PlaceOrderSaga(OrderRepository orders, Pricer pricer, StockHolds stock, Payments payments,
                          OrderMetrics metrics, Duration pricingDeadline) {
        this.orders = orders;
        this.pricer = pricer;
        this.stock = stock;
        this.payments = payments;
        this.confirmStep = new ConfirmStep(orders);
        this.metrics = metrics;
        this.pricingDeadline = pricingDeadline;
    }

    /**
     * Runs steps until the order is CONFIRMED or FAILED; throws when a step must be retried later. The row is read
     * once; each step that stored its result hands the order on as it now reads (no read per step). A step that
     * stored nothing (another worker moved the order first) or failed has it read again.
     */
    public OrderStatus advance(String orderNumber) {
        // Every line logged while the steps run, the stores', clients' and libraries' on this thread too, names the order.
        try (LogContext.Scope scope = LogContext.withOrderNumber(orderNumber)) {
            return steps(orderNumber);
        }
    }

    private OrderStatus steps(String orderNumber) {
        OrderRecord order = null;
        while (true) {
            if (order == null) {
                Optional<OrderRecord> found = orders.find(orderNumber);
                if (found.isEmpty()) {
                    return null;
                }
                order = found.get();
            }
            if (order.status().terminal()) {
                return order.status();
            }
            long started = System.nanoTime();
            Span span = SagaSpans.start(stepName(order.status()), order);
            OrderRecord next;
            try (Scope ignored = span.makeCurrent()) {
                next = step(order);
                logStep(order.status(), next, started);
            } catch (StepFailure failure) {
                span.setStatus(StatusCode.ERROR, failure.code());
                span.end();
                compensateTraced(order, failure);
                order = null;
                continue;
            } catch (RuntimeException | Error e) {
                // left where it is, retried later: the retry's span is another child of the order's trace
                Traces.failed(span, e);
                span.end();
                throw e;
            }
            span.end();
            metrics.step(stepName(order.status()), started);
            pauseForDrills();
            order = next;
        }
    }

    private OrderRecord step(OrderRecord order) {
        return switch (order.status()) {
            case CREATED -> price(order);
            case PRICED -> reserve(order);
            case RESERVED -> pay(order);
            case PAID -> confirm(order);
            default -> throw new IllegalStateException("no step from " + order.status());
        };
    }

    private void compensateTraced(OrderRecord order, StepFailure failure) {
        Span span = SagaSpans.start("compensate", order);
        try (Scope ignored = span.makeCurrent()) {
            compensate(order, failure);
        } catch (RuntimeException | Error e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @return the order as stored by this step, or null when it must be read again */
    private OrderRecord price(OrderRecord order) {
        CheckoutOrder checkout = CheckoutOrder.fromJson(order.requestJson());
        PricedOrder priced;
        try {
            priced = pricer.price(checkout.lines(), order.userId());
        } catch (StepFailure e) {
            throw e;
        } catch (RuntimeException e) {
            if (System.currentTimeMillis() - order.createdAt() > pricingDeadline.toMillis()) {
                throw new StepFailure("PRICING_UNAVAILABLE", "prices could not be read in time",
                        "place the order again in a few minutes; nothing was charged");
            }
            throw e;
        }
        Long accepted = checkout.expectedTotalCents();
        if (accepted != null && accepted != priced.totalCents()) {
            // Never charge a total the shopper did not accept: the new prices are kept for the client to show.
            if (orders.failPriced(order.orderNumber(), priced.toJson().toString(), priced.totalCents(), priced.currency(),
                    PRICE_CHANGED, "the total is now " + priced.totalCents() + " cents " + priced.currency()
                            + ", not the " + accepted + " accepted (" + priced.discountStatus() + ")",
                    "show the new total (totalCents) and place the cart again with expectedTotalCents="
                            + priced.totalCents() + "; nothing was charged")) {
                metrics.failed(PRICE_CHANGED);
                LOG.log(Level.INFO, "order FAILED at step price: " + PRICE_CHANGED + " (total now " + priced.totalCents()
                        + ", accepted " + accepted + "); nothing to undo");
            }
            return null;
        }
        String pricing = priced.toJson().toString();
        long now = System.currentTimeMillis();
        return orders.markPriced(order.orderNumber(), pricing, priced.totalCents(), priced.currency(), now)
                ? order.priced(pricing, priced.totalCents(), priced.currency(), now) : null;
    }

    /** In the stock service shared by both clusters; its deadline counts from PRICED (updated_at of a PRICED order). */
    private OrderRecord reserve(OrderRecord order) {
        stock.reserve(order.orderNumber(), PricedOrder.fromJson(order.pricingJson()), order.updatedAt());
        long now = System.currentTimeMillis();
        return orders.markReserved(order.orderNumber(), now) ? order.moved(OrderStatus.RESERVED, now) : null;
    }

    private OrderRecord pay(OrderRecord order) {
        String card = CheckoutOrder.fromJson(order.requestJson()).cardToken();
        PaymentResult result = payments.charge(chargeKey(order.orderNumber()), order.orderNumber(), order.totalCents(),
                order.currency(), card);
        switch (result.status()) {
            case SUCCEEDED -> {
                long now = System.currentTimeMillis();
                return orders.markPaid(order.orderNumber(), result.providerId(), now) ? order.paid(result.providerId(), now) : null;
            }
            case DECLINED -> throw new StepFailure("CARD_DECLINED", "the card was declined", "use another card");
            default -> throw new StepFailure("PAYMENT_REJECTED", "the payment was refused: " + result.code(),
                    "check the card details or use another card");
        }
    }

    /** The stock hold becomes a sale first (idempotent: a crash before CONFIRMED is stored re-runs it safely). */
    private OrderRecord confirm(OrderRecord order) {
        stock.commit(order.orderNumber(), order.updatedAt());
        if (confirmStep.confirm(order)) {
            // only the call that moved it: a re-run or a second worker confirms nothing, so the value counts once
            metrics.confirmed(order.createdAt(), order.totalCents(), order.currency());
            onConfirmed.run();
            return order.moved(OrderStatus.CONFIRMED, System.currentTimeMillis());
        }
        return null;
    }

    /** Undoes, in reverse, what the steps before the failing one did, then stores FAILED with the reason. */
    private void compensate(OrderRecord order, StepFailure failure) {
        OrderStatus at = order.status();
        LOG.log(Level.INFO, "step " + stepName(at) + " failed: " + failure.code() + " (" + failure.getMessage()
                + "); undoing " + (at.ordinal() >= OrderStatus.PAID.ordinal() ? "the charge and the stock hold"
                : at.ordinal() >= OrderStatus.PRICED.ordinal() ? "the stock hold" : "nothing"));
        if (at.ordinal() >= OrderStatus.PAID.ordinal()) {
            payments.refund("refund:" + order.orderNumber(), order.orderNumber());
        }
        if (at.ordinal() >= OrderStatus.PRICED.ordinal()) {
            // also when the reserve itself failed: the release leaves a tombstone, so a late reserve never holds
            stock.release(order.orderNumber());
        }
        if (orders.markFailed(order.orderNumber(), at, stepName(at), failure.code(), failure.getMessage(), failure.hint())) {
            metrics.failed(failure.code());
            LOG.log(Level.INFO, "order FAILED at step " + stepName(at) + ": " + failure.code());
        }
    }

    /**
     * A pause after each stored step, for crash drills only (config {@code order.saga.step-pause}, default none):
     * it widens the window in which a kill lands between two steps.
     */
    public void stepPause(Duration pause) {
        this.stepPause = pause;
    }

    /** Runs after each order this saga confirmed (its outbox row is committed): the module wakes the outbox relay. */
    public void onConfirmed(Runnable action) {
        this.onConfirmed = action;
    }

    /** One line per step run: what it stored and how long it took. */
    private static void logStep(OrderStatus from, OrderRecord next, long startedNanos) {
        if (LOG.isLoggable(Level.INFO)) {
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            LOG.log(Level.INFO, next == null
                    ? "step " + stepName(from) + " did not move the order on here (another worker did, or it ended):"
                    + " reading it again (" + millis + " ms)"
                    : "step " + stepName(from) + " done: " + next.status() + " (" + millis + " ms)");
        }
    }

    private void pauseForDrills() {
        if (!stepPause.isZero()) {
            try {
                Thread.sleep(stepPause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String chargeKey(String orderNumber) {
        return "charge:" + orderNumber;
    }

    /** The step that runs from a status. */
    static String stepName(OrderStatus from) {
        return switch (from) {
            case CREATED -> "price";
            case PRICED -> "reserve";
            case RESERVED -> "pay";
            case PAID -> "confirm";
            default -> "none";
        };
    }
}
