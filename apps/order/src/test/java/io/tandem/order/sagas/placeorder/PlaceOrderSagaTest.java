package io.tandem.order.sagas.placeorder;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Metrics;

import io.helidon.config.Config;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import io.tandem.common.api.Jsons;
import io.tandem.common.logging.LogContext;
import io.tandem.common.trace.Tracing;
import io.tandem.common.trace.Traces;
import io.tandem.common.stock.StockAnswer;
import io.tandem.common.stock.StockLine;
import io.tandem.common.stock.StockOutcome;
import io.tandem.common.stock.StockUnavailableException;
import io.tandem.order.domain.CheckoutOrder;
import io.tandem.order.domain.OrderLine;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderStatus;
import io.tandem.order.domain.OrderTrace;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;
import io.tandem.order.observe.OrderMetrics;
import io.tandem.order.pricing.Pricer;
import io.tandem.order.stock.StockHolds;
import io.tandem.payment.PaymentResult;
import io.tandem.payment.PaymentUnavailableException;
import io.tandem.payment.Payments;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The place-order saga with no database: an {@link InMemoryOrders} repository, a pricer, the stock service and the
 * payments as fakes that record each call. Drives every step (price, reserve, pay, confirm), each retry (a call that
 * throws leaves the order where it is; the next run goes on from there with the same keys) and each compensation, in
 * reverse: release after a reserve, refund then release after a charge.
 */
class PlaceOrderSagaTest {
    private static final String NUMBER = "06YQKW4RA0800-A";
    /** The meters' cluster tag: this class's own, so other tests in the JVM do not move its series. */
    private static final String METRICS_CLUSTER = "saga-test";
    private static final Duration PRICING_DEADLINE = Duration.ofMinutes(2);
    private static final Duration STOCK_DEADLINE = Duration.ofMinutes(2);
    private static final PricedOrder PRICED = new PricedOrder(List.of(
            new PricedOrder.Line("P00007", "Lamp", 2, 1000, 0, 10)), "EUR", "APPLIED");
    private static final long ACCEPTED = 2000;
    private static final JsonObject ADDRESS = Jsons.JSON.createObjectBuilder().add("addressId", "ad1")
            .add("city", "Lyon").build();

    private final InMemoryOrders orders = new InMemoryOrders();
    /** Every call to pricing, stock and payments, in order. */
    private final List<String> calls = new ArrayList<>();
    private Supplier<PricedOrder> pricing = () -> PRICED;
    private StockOutcome reserveAnswer = StockOutcome.HELD;
    private StockOutcome commitAnswer = StockOutcome.COMMITTED;
    private boolean stockDown;
    private boolean releaseDown;
    private Supplier<PaymentResult> chargeAnswer = () -> new PaymentResult(PaymentResult.Status.SUCCEEDED, "pay-1", null);
    private boolean refundDown;
    /** Added to the stock's clock: how long after now the stock steps think it is. */
    private long stockClockAhead;
    private int confirmations;

    private final PlaceOrderSaga saga = saga();

    @Test
    void everyStepRunsOnceInOrderAndTheOrderIsConfirmedWithItsEvent() {
        place(System.currentTimeMillis());

        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));

        assertThat(calls, contains("price P00007x2 for u1", "reserve " + NUMBER + " [P00007x2]",
                "charge charge:" + NUMBER + " 2000 EUR tok_visa", "commit " + NUMBER));
        assertThat(orders.history, contains(OrderStatus.CREATED, OrderStatus.PRICED, OrderStatus.RESERVED,
                OrderStatus.PAID, OrderStatus.CONFIRMED));
        assertThat("the row is read once; each step hands the order on", orders.reads, is(1));
        OrderRecord order = stored();
        assertThat(order.paymentId(), is("pay-1"));
        assertThat(order.totalCents(), is(2000L));
        assertThat(order.confirmedAt() != null, is(true));
        assertThat(orders.outbox.size(), is(1));
        JsonObject event = Jsons.JSON.createReader(new StringReader(orders.outbox.getFirst().json())).readObject();
        assertThat(orders.outbox.getFirst().key(), is(NUMBER));
        assertThat(event.getString("type"), is("order.confirmed"));
        assertThat(event.getJsonNumber("totalCents").longValue(), is(2000L));
        assertThat(event.getString("paymentId"), is("pay-1"));
        assertThat(event.getString("cartId"), is("a-cart1"));
        assertThat(event.getJsonObject("shippingAddress"), is(ADDRESS));
        assertThat(event.getJsonArray("lines").size(), is(1));
        assertThat(confirmations, is(1));
    }

    @Test
    void everyStepJoinsTheTraceStoredWithTheOrderThoughItRunsLaterWithoutContext() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        Tracing tracing = Tracing.install("cluster-a", exported, 1.0, Config.empty());
        try {
            Span placing = Traces.tracer().spanBuilder("POST /v1/orders").startSpan();
            try (Scope ignored = placing.makeCurrent()) {
                CheckoutOrder checkout = new CheckoutOrder("a-cart1", List.of(new OrderLine("P00007", 2)), ADDRESS,
                        "tok_visa", ACCEPTED);
                orders.place(NUMBER, "a", "u1", "key-1", "fp", "a-cart1", "ad1", OrderTrace.withCurrent(checkout.toJson()),
                        System.currentTimeMillis());
            } finally {
                placing.end();
            }
            // the worker's thread has no context of its own: only what was stored with the order
            assertThat(Traces.traceparent(), is(nullValue()));
            assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
            tracing.flush();

            List<SpanData> steps = exported.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().startsWith("saga ")).toList();
            assertThat(steps.stream().map(SpanData::getName).toList(),
                    contains("saga price", "saga reserve", "saga pay", "saga confirm"));
            for (SpanData step : steps) {
                assertThat(step.getName(), step.getTraceId(), is(placing.getSpanContext().getTraceId()));
                assertThat(step.getName(), step.getParentSpanId(), is(placing.getSpanContext().getSpanId()));
                assertThat(step.getAttributes().get(Traces.ORDER_NUMBER), is(NUMBER));
            }
        } finally {
            tracing.close();
        }
    }

    @Test
    void aFinishedOrderIsLeftAsItIsAndAnUnknownOneIsNothing() {
        place(System.currentTimeMillis());
        saga.advance(NUMBER);
        calls.clear();

        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
        assertThat(saga.advance("06YQKW4RA0801-A"), nullValue());
        assertThat(calls, empty());
        assertThat(confirmations, is(1));
    }

    // ---- price

    @Test
    void anotherTotalThanTheAcceptedFailsPriceChangedKeepingTheNewPricesWithNothingHeldOrCharged() {
        pricing = () -> new PricedOrder(List.of(new PricedOrder.Line("P00007", "Lamp", 2, 1100, 0, 10)), "EUR", "APPLIED");
        place(System.currentTimeMillis());

        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));

        OrderRecord order = stored();
        assertThat(order.failureCode(), is(PlaceOrderSaga.PRICE_CHANGED));
        assertThat(order.failedStep(), is("price"));
        assertThat(order.totalCents(), is(2200L));
        assertThat(order.failureHint(), containsString("expectedTotalCents=2200"));
        assertThat(calls, contains("price P00007x2 for u1"));
    }

    @Test
    void anUnknownProductFailsAtPriceWithNothingToUndo() {
        pricing = failing(new StepFailure("UNKNOWN_PRODUCT", "productId: no such product P00007.",
                "remove this item from the order"));
        placeAndRunUntilFailed("price", "UNKNOWN_PRODUCT");
        assertThat(calls, contains("price P00007x2 for u1"));
    }

    @Test
    void pricingFailingIsRetriedFromCreatedThenGoesOn() {
        pricing = failing(new IllegalStateException("catalog down"));
        placeAndRunUntilRetried(IllegalStateException.class, OrderStatus.CREATED);

        pricing = () -> PRICED;
        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
    }

    @Test
    void pricingFailingPastItsDeadlineFailsPricingUnavailableWithNothingToUndo() {
        pricing = failing(new IllegalStateException("catalog down"));
        place(System.currentTimeMillis() - PRICING_DEADLINE.toMillis() - 1000);

        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));

        assertFailed("price", "PRICING_UNAVAILABLE");
        assertThat(calls, contains("price P00007x2 for u1"));
    }

    // ---- reserve

    @Test
    void outOfStockFailsAtReserveAndReleasesSoALateReserveNeverHolds() {
        reserveAnswer = StockOutcome.OUT_OF_STOCK;
        placeAndRunUntilFailed("reserve", "OUT_OF_STOCK");
        assertThat(calls, contains("price P00007x2 for u1", "reserve " + NUMBER + " [P00007x2]", "release " + NUMBER));
    }

    @Test
    void theStockServiceDownAtReserveIsRetriedFromPricedThenGoesOn() {
        stockDown = true;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PRICED);

        stockDown = false;
        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
        assertThat(calls.stream().filter(c -> c.startsWith("price")).count(), is(1L));
        assertThat(calls.stream().filter(c -> c.startsWith("reserve")).count(), is(2L));
    }

    @Test
    void theStockServiceDownPastItsDeadlineFailsStockUnavailableAndReleases() {
        stockDown = true;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PRICED);

        stockClockAhead = STOCK_DEADLINE.toMillis() + 1000;
        stockDown = false;
        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));

        assertFailed("reserve", "STOCK_UNAVAILABLE");
        assertThat(calls.getLast(), is("release " + NUMBER));
    }

    // ---- pay

    @Test
    void aDeclinedCardFailsAtPayAndReleasesTheStockWithNothingToRefund() {
        chargeAnswer = () -> new PaymentResult(PaymentResult.Status.DECLINED, "pay-1", "insufficient_funds");
        placeAndRunUntilFailed("pay", "CARD_DECLINED");
        assertThat(stored().failureHint(), is("use another card"));
        assertThat(calls.subList(2, calls.size()), contains("charge charge:" + NUMBER + " 2000 EUR tok_visa",
                "release " + NUMBER));
    }

    @Test
    void aRejectedPaymentFailsAtPay() {
        chargeAnswer = () -> new PaymentResult(PaymentResult.Status.REJECTED, null, "invalid_card");
        placeAndRunUntilFailed("pay", "PAYMENT_REJECTED");
        assertThat(stored().failureMessage(), containsString("invalid_card"));
        assertThat(calls.getLast(), is("release " + NUMBER));
    }

    @Test
    void aChargeWithoutACertainAnswerIsRetriedWithTheSameKeyAndNeverCompensated() {
        chargeAnswer = failing(new PaymentUnavailableException("provider timed out"));
        placeAndRunUntilRetried(PaymentUnavailableException.class, OrderStatus.RESERVED);
        assertThat(calls.stream().anyMatch(c -> c.startsWith("release") || c.startsWith("refund")), is(false));

        chargeAnswer = () -> new PaymentResult(PaymentResult.Status.SUCCEEDED, "pay-1", null);
        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
        assertThat(calls.stream().filter(c -> c.startsWith("charge")).toList(), contains(
                "charge charge:" + NUMBER + " 2000 EUR tok_visa", "charge charge:" + NUMBER + " 2000 EUR tok_visa"));
    }

    // ---- confirm: a failure after the charge refunds it, then releases

    @Test
    void aHoldThatExpiredAtConfirmIsRefundedThenReleased() {
        commitAnswer = StockOutcome.HOLD_EXPIRED;
        placeAndRunUntilFailed("confirm", "OUT_OF_STOCK");
        assertThat(stored().failureHint(), containsString("refunded"));
        assertThat(calls.subList(3, calls.size()), contains("commit " + NUMBER, "refund refund:" + NUMBER + " " + NUMBER,
                "release " + NUMBER));
        assertThat(orders.outbox, empty());
        assertThat(confirmations, is(0));
    }

    @Test
    void theStockServiceDownPastItsDeadlineSincePaidIsRefunded() {
        commitAnswer = null;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PAID);

        stockClockAhead = STOCK_DEADLINE.toMillis() + 1000;
        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));

        assertFailed("confirm", "STOCK_UNAVAILABLE");
        assertThat(calls.subList(calls.size() - 2, calls.size()), contains("refund refund:" + NUMBER + " " + NUMBER,
                "release " + NUMBER));
    }

    // ---- compensation that cannot finish yet is retried; FAILED only once it went through

    @Test
    void aReleaseThatCannotGoThroughLeavesTheOrderToBeCompensatedAgain() {
        reserveAnswer = StockOutcome.OUT_OF_STOCK;
        releaseDown = true;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PRICED);

        releaseDown = false;
        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));
        assertFailed("reserve", "OUT_OF_STOCK");
    }

    @Test
    void aRefundWithoutACertainAnswerIsRetriedWithTheSameKeyBeforeAnythingElse() {
        commitAnswer = StockOutcome.HOLD_EXPIRED;
        refundDown = true;
        placeAndRunUntilRetried(PaymentUnavailableException.class, OrderStatus.PAID);
        assertThat(calls.stream().anyMatch(c -> c.startsWith("release")), is(false));

        refundDown = false;
        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));
        assertThat(calls.stream().filter(c -> c.startsWith("refund")).toList(), contains(
                "refund refund:" + NUMBER + " " + NUMBER, "refund refund:" + NUMBER + " " + NUMBER));
        assertThat(calls.getLast(), is("release " + NUMBER));
    }

    // ---- two workers on one order

    @Test
    void aStepAnotherWorkerStoredFirstIsNotRepeatedTheOrderIsReadAgain() {
        place(System.currentTimeMillis());
        orders.beforeChange(number -> {
            orders.beforeChange(n -> { });
            OrderRecord created = orders.find(number).orElseThrow();
            orders.put(created.priced(PRICED.toJson().toString(), PRICED.totalCents(), PRICED.currency(),
                    System.currentTimeMillis()));
        });

        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));

        assertThat(orders.history, contains(OrderStatus.CREATED, OrderStatus.PRICED, OrderStatus.RESERVED,
                OrderStatus.PAID, OrderStatus.CONFIRMED));
        assertThat("read at the start, by the other worker, and again after the price step stored nothing",
                orders.reads, is(3));
    }

    // ---- business meters: a confirmed order counts once, with its value, whatever runs again

    @Test
    void aConfirmedOrderAddsItsValueOnceThoughItsConfirmIsRetriedAndTheSagaRunAgain() {
        Meters before = Meters.read();
        commitAnswer = null;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PAID);
        assertThat("not confirmed yet: nothing counted", Meters.read().minus(before), is(new Meters(0, 0, 0)));

        commitAnswer = StockOutcome.COMMITTED;
        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));
        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));

        assertThat(calls.stream().filter(c -> c.startsWith("commit")).count(), is(2L));
        assertThat(Meters.read().minus(before), is(new Meters(1, 1, 2000)));
    }

    @Test
    void aConfirmAnotherWorkerStoredFirstCountsNothingHere() {
        commitAnswer = null;
        placeAndRunUntilRetried(StockUnavailableException.class, OrderStatus.PAID);
        commitAnswer = StockOutcome.COMMITTED;
        orders.beforeChange(number -> {
            orders.beforeChange(n -> { });
            orders.put(orders.find(number).orElseThrow().moved(OrderStatus.CONFIRMED, System.currentTimeMillis()));
        });
        Meters before = Meters.read();

        assertThat(saga.advance(NUMBER), is(OrderStatus.CONFIRMED));

        assertThat("the other worker counted it", Meters.read().minus(before), is(new Meters(0, 0, 0)));
        assertThat(confirmations, is(0));
    }

    @Test
    void aFailedOrderAddsNoValue() {
        Meters before = Meters.read();
        chargeAnswer = () -> new PaymentResult(PaymentResult.Status.DECLINED, "pay-1", "insufficient_funds");
        placeAndRunUntilFailed("pay", "CARD_DECLINED");
        assertThat(Meters.read().minus(before), is(new Meters(0, 0, 0)));
    }

    /** orders_confirmed_total, and the count and sum of tandem_order_value_cents (EUR), of this class's cluster. */
    private record Meters(long confirmed, long valued, double valueCents) {
        static Meters read() {
            Counter confirmed = Metrics.getCounter("orders_confirmed_total",
                    Metrics.tags("cluster", METRICS_CLUSTER)).orElseThrow();
            DistributionSummary value = Metrics.getSummary("tandem.order.value.cents",
                    Metrics.tags("cluster", METRICS_CLUSTER, "currency", "EUR")).orElseThrow();
            return new Meters(confirmed.count(), value.count(), value.totalAmount());
        }

        Meters minus(Meters earlier) {
            return new Meters(confirmed - earlier.confirmed, valued - earlier.valued, valueCents - earlier.valueCents);
        }
    }

    @Test
    void everyLineLoggedWhileTheSagaRunsNamesTheOrderItsOwnAndItsCallees() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(LogContext.orderNumber() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<String> seenByPricing = new ArrayList<>();
        pricing = () -> {
            seenByPricing.add(LogContext.orderNumber());
            return PRICED;
        };
        Logger logger = Logger.getLogger(PlaceOrderSaga.class.getName());
        logger.addHandler(capture);
        try {
            place(System.currentTimeMillis());
            saga.advance(NUMBER);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(lines.stream().map(l -> l.replaceAll(" \\(\\d+ ms\\)$", "")).toList(), contains(
                NUMBER + " step price done: PRICED", NUMBER + " step reserve done: RESERVED",
                NUMBER + " step pay done: PAID", NUMBER + " step confirm done: CONFIRMED"));
        // the pricing client, the stores, a library: whatever logs on the saga's thread names the order too
        assertThat(seenByPricing, contains(NUMBER));
        assertThat("undone after the run", LogContext.orderNumber(), is(nullValue()));
    }

    private void place(long at) {
        CheckoutOrder checkout = new CheckoutOrder("a-cart1", List.of(new OrderLine("P00007", 2)), ADDRESS, "tok_visa",
                ACCEPTED);
        orders.place(NUMBER, "a", "u1", "key-1", "fp", "a-cart1", "ad1", checkout.toJson().toString(), at);
    }

    /** Places the order and runs the saga once: it ends FAILED at {@code step} with {@code code}. */
    private void placeAndRunUntilFailed(String step, String code) {
        place(System.currentTimeMillis());
        assertThat(saga.advance(NUMBER), is(OrderStatus.FAILED));
        assertFailed(step, code);
    }

    /** Places the order and runs the saga once: it throws, to be run again later, and leaves the order {@code at}. */
    private void placeAndRunUntilRetried(Class<? extends RuntimeException> thrown, OrderStatus at) {
        place(System.currentTimeMillis());
        assertThrows(thrown, () -> saga.advance(NUMBER));
        assertThat(stored().status(), is(at));
    }

    private static <T> Supplier<T> failing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    private OrderRecord stored() {
        int reads = orders.reads;
        OrderRecord order = orders.find(NUMBER).orElseThrow();
        orders.reads = reads;
        return order;
    }

    private void assertFailed(String step, String code) {
        OrderRecord order = stored();
        assertThat(order.status(), is(OrderStatus.FAILED));
        assertThat(order.failedStep(), is(step));
        assertThat(order.failureCode(), is(code));
        assertThat(order.failureHint() != null && !order.failureHint().isBlank(), is(true));
    }

    private PlaceOrderSaga saga() {
        Pricer pricer = (lines, userId) -> {
            calls.add("price " + String.join(",", lines.stream().map(l -> l.productId() + "x" + l.quantity()).toList())
                    + " for " + userId);
            return pricing.get();
        };
        StockHolds stock = new StockHolds(new StockHolds.Stock() {
            @Override
            public StockAnswer reserve(String orderNumber, List<StockLine> lines) {
                return answer("reserve " + orderNumber + " " + lines.stream()
                        .map(l -> l.productId() + "x" + l.quantity()).toList(), reserveAnswer);
            }

            @Override
            public StockAnswer commit(String orderNumber) {
                return answer("commit " + orderNumber, commitAnswer);
            }

            @Override
            public StockAnswer release(String orderNumber) {
                calls.add("release " + orderNumber);
                if (releaseDown) {
                    throw new StockUnavailableException("connection refused");
                }
                return new StockAnswer(StockOutcome.RELEASED, null, "released", null);
            }
        }, STOCK_DEADLINE, () -> System.currentTimeMillis() + stockClockAhead);
        Payments payments = new Payments() {
            @Override
            public PaymentResult charge(String key, String orderNumber, long amountCents, String currency, String card) {
                calls.add("charge " + key + " " + amountCents + " " + currency + " " + card);
                return chargeAnswer.get();
            }

            @Override
            public PaymentResult refund(String key, String orderNumber) {
                calls.add("refund " + key + " " + orderNumber);
                if (refundDown) {
                    throw new PaymentUnavailableException("provider timed out");
                }
                return new PaymentResult(PaymentResult.Status.SUCCEEDED, "refund-1", null);
            }
        };
        PlaceOrderSaga built = new PlaceOrderSaga(orders, pricer, stock, payments, new OrderMetrics(METRICS_CLUSTER),
                PRICING_DEADLINE);
        built.onConfirmed(() -> confirmations++);
        return built;
    }

    /** The stock service's answer, or down (an answer of null is the stock service down too). */
    private StockAnswer answer(String call, StockOutcome outcome) {
        calls.add(call);
        if (stockDown || outcome == null) {
            throw new StockUnavailableException("connection refused");
        }
        return new StockAnswer(outcome, "P00007", outcome.name(), null);
    }
}
