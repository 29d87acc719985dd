package io.tandem.order.stock;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.tandem.common.stock.StockAnswer;
import io.tandem.common.stock.StockClient;
import io.tandem.common.stock.StockLine;
import io.tandem.common.stock.StockUnavailableException;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;

/**
 * The order's stock, held in the stock service shared by both clusters (apps/stock), keyed by the order number:
 * reserve at PRICED -> RESERVED, commit before CONFIRMED, release when compensating. Every call is idempotent
 * there, so a retried step or a crash between a call and the order's own write never holds twice.
 * <ul>
 *     <li>Short of a product: {@link StepFailure} {@code OUT_OF_STOCK} naming it (the order fails, compensated).</li>
 *     <li>Stock service down or slow ({@link StockUnavailableException}): rethrown, so the worker retries the step
 *     with its backoff; once {@code order.stock.deadline} has passed since the order reached the step's status,
 *     {@link StepFailure} {@code STOCK_UNAVAILABLE} with a hint (the order fails, compensated: the release
 *     tombstones the order, so a late reserve can never hold for it).</li>
 * </ul>
 */
public final class StockHolds {
    /** How long a stock step may wait for the stock service before the order fails with STOCK_UNAVAILABLE. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);
    static final String RESERVE_HINT = "nothing was charged; place the order again later";
    static final String COMMIT_HINT = "the charge was refunded; place the order again later";
    private static final System.Logger LOG = System.getLogger(StockHolds.class.getName());

    /** The stock service's calls the saga makes ({@link StockClient} in production). */
    public interface Stock {
        StockAnswer reserve(String orderNumber, List<StockLine> lines);

        StockAnswer commit(String orderNumber);

        StockAnswer release(String orderNumber);

        static Stock of(StockClient client) {
            return new Stock() {
                @Override
                public StockAnswer reserve(String orderNumber, List<StockLine> lines) {
                    return client.reserve(orderNumber, lines);
                }

                @Override
                public StockAnswer commit(String orderNumber) {
                    return client.commit(orderNumber);
                }

                @Override
                public StockAnswer release(String orderNumber) {
                    return client.release(orderNumber);
                }
            };
        }
    }

    private final Stock stock;
    private final Duration deadline;
    private final LongSupplier clock;

    public StockHolds(Stock stock, Duration deadline, LongSupplier clock) {
        this.stock = stock;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * Holds every line of the order, or none.
     *
     * @param pricedAt when the order reached PRICED (epoch millis): the deadline counts from there
     */
    public void reserve(String orderNumber, PricedOrder order, long pricedAt) {
        if (past(pricedAt)) {
            // a retry after the deadline (e.g. compensation could not release yet): fail without holding
            throw unavailable("stock could not be reserved in time", RESERVE_HINT);
        }
        List<StockLine> lines = order.lines().stream().map(l -> new StockLine(l.productId(), l.quantity())).toList();
        StockAnswer answer = call(() -> stock.reserve(orderNumber, lines), pricedAt, "stock could not be reserved in time",
                RESERVE_HINT);
        switch (answer.outcome()) {
            case HELD, COMMITTED -> {
            }
            case OUT_OF_STOCK -> throw new StepFailure("OUT_OF_STOCK", "not enough stock of " + answer.productId(),
                    "remove " + answer.productId() + " from the order or lower its quantity");
            case UNKNOWN_PRODUCT -> throw new StepFailure("UNKNOWN_PRODUCT", "no stock is kept for " + answer.productId(),
                    "remove " + answer.productId() + " from the order");
            case RESERVATION_RELEASED -> throw new StepFailure("RESERVATION_RELEASED",
                    "the order's stock was released before it could be held", "place the order again");
            case RESERVATION_MISMATCH -> throw new StepFailure("STOCK_CONFLICT",
                    "the stock service holds other lines for this order", "place the order again");
            default -> throw new IllegalStateException("reserve of " + orderNumber + " answered " + answer.outcome());
        }
    }

    /**
     * The hold becomes a sale: run before the order is stored CONFIRMED (a crash between the two re-runs it; the
     * stock service answers COMMITTED again).
     *
     * @param paidAt when the order reached PAID (epoch millis): the deadline counts from there
     */
    public void commit(String orderNumber, long paidAt) {
        StockAnswer answer = call(() -> stock.commit(orderNumber), paidAt, "stock could not be committed in time",
                COMMIT_HINT);
        switch (answer.outcome()) {
            case COMMITTED -> {
            }
            case HOLD_EXPIRED -> throw new StepFailure("OUT_OF_STOCK", "the stock hold expired and "
                    + answer.productId() + " is no longer in stock", "the charge was refunded; remove "
                    + answer.productId() + " from the order and place it again");
            case RESERVATION_RELEASED, NOT_FOUND -> throw new StepFailure("STOCK_NOT_HELD",
                    "the order holds no stock (" + answer.outcome() + ")", "the charge was refunded; place the order again");
            default -> throw new IllegalStateException("commit of " + orderNumber + " answered " + answer.outcome());
        }
    }

    /** Gives the order's stock back (a tombstone when it held none); the stock service down: rethrown, retried. */
    public void release(String orderNumber) {
        StockAnswer answer = stock.release(orderNumber);
        switch (answer.outcome()) {
            case RELEASED -> {
            }
            case RESERVATION_COMMITTED -> LOG.log(Level.WARNING, "order " + orderNumber
                    + " failed after its stock was committed: the sale stays (the stock service does not undo sales)");
            default -> throw new IllegalStateException("release of " + orderNumber + " answered " + answer.outcome());
        }
    }

    private StockAnswer call(Supplier<StockAnswer> call, long since, String message, String hint) {
        try {
            return call.get();
        } catch (StockUnavailableException e) {
            if (past(since)) {
                throw unavailable(message, hint);
            }
            throw e;
        }
    }

    private boolean past(long since) {
        return clock.getAsLong() - since > deadline.toMillis();
    }

    private static StepFailure unavailable(String message, String hint) {
        return new StepFailure("STOCK_UNAVAILABLE", message, hint);
    }
}
