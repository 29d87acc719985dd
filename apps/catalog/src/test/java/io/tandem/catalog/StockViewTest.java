package io.tandem.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tandem.common.stock.StockLevel;
import io.tandem.common.stock.StockUnavailableException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class StockViewTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;
    private volatile int available = 7;

    private final StockView view = new StockView(ids -> {
        calls.incrementAndGet();
        if (down) {
            throw new StockUnavailableException("down");
        }
        return Map.of("P00001", new StockLevel("P00001", available, 0, 0));
    }, Duration.ofSeconds(2), now::get);

    @Test
    void cachesForTheTtlThenReadsAgain() {
        assertThat(view.stock(List.of("P00001")).get("P00001"), is(new StockView.Shown(7, StockView.Freshness.LIVE)));
        available = 3;
        now.addAndGet(1_000);
        assertThat(view.stock(List.of("P00001")).get("P00001").available(), is(7));
        assertThat(calls.get(), is(1));
        now.addAndGet(1_500);
        assertThat(view.stock(List.of("P00001")).get("P00001").available(), is(3));
        assertThat(calls.get(), is(2));
    }

    @Test
    void stockServiceDownShowsLastKnownOrUnknownNeverFails() {
        view.stock(List.of("P00001"));
        down = true;
        now.addAndGet(5_000);
        Map<String, StockView.Shown> shown = view.stock(List.of("P00001", "P00002"));
        assertThat(shown.get("P00001"), is(new StockView.Shown(7, StockView.Freshness.LAST_KNOWN)));
        assertThat(shown.get("P00002").available(), nullValue());
        assertThat(shown.get("P00002").freshness(), is(StockView.Freshness.UNKNOWN));
    }
}
