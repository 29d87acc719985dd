package io.tandem.order.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tandem.common.stock.StockAnswer;
import io.tandem.common.stock.StockLine;
import io.tandem.common.stock.StockOutcome;
import io.tandem.common.stock.StockUnavailableException;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StockHoldsTest {
    private static final PricedOrder ORDER = new PricedOrder(List.of(
            new PricedOrder.Line("P00007", "Lamp", 2, 1000, 0, 10)), "EUR", "APPLIED");
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> calls = new ArrayList<>();
    private StockAnswer next = answer(StockOutcome.HELD, null);
    private boolean down;

    private final StockHolds holds = new StockHolds(new StockHolds.Stock() {
        @Override
        public StockAnswer reserve(String orderNumber, List<StockLine> lines) {
            return call("reserve " + orderNumber + " " + lines);
        }

        @Override
        public StockAnswer commit(String orderNumber) {
            return call("commit " + orderNumber);
        }

        @Override
        public StockAnswer release(String orderNumber) {
            return call("release " + orderNumber);
        }
    }, Duration.ofMinutes(2), now::get);

    private StockAnswer call(String what) {
        calls.add(what);
        if (down) {
            throw new StockUnavailableException("connection refused");
        }
        return next;
    }

    private static StockAnswer answer(StockOutcome outcome, String productId) {
        return new StockAnswer(outcome, productId, outcome.name(), null);
    }

    @Test
    void reserveSendsTheOrdersLinesKeyedByItsNumber() {
        holds.reserve("N1-A", ORDER, now.get());
        assertThat(calls, is(List.of("reserve N1-A [StockLine[productId=P00007, quantity=2]]")));
    }

    @Test
    void outOfStockFailsTheStepNamingTheProduct() {
        next = answer(StockOutcome.OUT_OF_STOCK, "P00007");
        StepFailure failure = assertThrows(StepFailure.class, () -> holds.reserve("N1-A", ORDER, now.get()));
        assertThat(failure.code(), is("OUT_OF_STOCK"));
        assertThat(failure.getMessage(), containsString("P00007"));
        assertThat(failure.hint(), containsString("P00007"));
    }

    @Test
    void stockDownIsRetriedUntilTheDeadlineThenFailsWithAHint() {
        down = true;
        long pricedAt = now.get();
        assertThrows(StockUnavailableException.class, () -> holds.reserve("N1-A", ORDER, pricedAt));
        now.addAndGet(Duration.ofMinutes(2).toMillis() + 1);
        StepFailure failure = assertThrows(StepFailure.class, () -> holds.reserve("N1-A", ORDER, pricedAt));
        assertThat(failure.code(), is("STOCK_UNAVAILABLE"));
        assertThat(failure.hint(), containsString("nothing was charged"));
    }

    @Test
    void aRetryPastTheDeadlineNeverReservesEvenWhenTheStockServiceIsBack() {
        long pricedAt = now.get();
        now.addAndGet(Duration.ofMinutes(3).toMillis());
        StepFailure failure = assertThrows(StepFailure.class, () -> holds.reserve("N1-A", ORDER, pricedAt));
        assertThat(failure.code(), is("STOCK_UNAVAILABLE"));
        assertThat(calls.isEmpty(), is(true));
    }

    @Test
    void releasedBeforeIsAFailureNotAHold() {
        next = answer(StockOutcome.RESERVATION_RELEASED, null);
        assertThat(assertThrows(StepFailure.class, () -> holds.reserve("N1-A", ORDER, now.get())).code(),
                is("RESERVATION_RELEASED"));
    }

    @Test
    void commitIsIdempotentAndAnExpiredHoldWhoseStockIsGoneFails() {
        next = answer(StockOutcome.COMMITTED, null);
        assertDoesNotThrow(() -> holds.commit("N1-A", now.get()));
        assertDoesNotThrow(() -> holds.commit("N1-A", now.get()));
        next = answer(StockOutcome.HOLD_EXPIRED, "P00007");
        StepFailure failure = assertThrows(StepFailure.class, () -> holds.commit("N1-A", now.get()));
        assertThat(failure.code(), is("OUT_OF_STOCK"));
        assertThat(failure.getMessage(), containsString("P00007"));
    }

    @Test
    void commitWithTheStockServiceDownIsRetriedThenFailsRefunded() {
        down = true;
        long paidAt = now.get();
        assertThrows(StockUnavailableException.class, () -> holds.commit("N1-A", paidAt));
        now.addAndGet(Duration.ofMinutes(2).toMillis() + 1);
        StepFailure failure = assertThrows(StepFailure.class, () -> holds.commit("N1-A", paidAt));
        assertThat(failure.code(), is("STOCK_UNAVAILABLE"));
        assertThat(failure.hint(), containsString("refunded"));
    }

    @Test
    void releaseWithTheStockServiceDownThrowsSoCompensationIsRetried() {
        down = true;
        assertThrows(StockUnavailableException.class, () -> holds.release("N1-A"));
        down = false;
        next = answer(StockOutcome.RELEASED, null);
        assertDoesNotThrow(() -> holds.release("N1-A"));
    }
}
