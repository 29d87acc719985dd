package io.tandem.flags;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

class PacedExecutorTest {
    @Test
    void theFetchRunsAtItsPaceOtherTasksKeepTheirSecondsAndAThrowingTaskGoesOn() throws InterruptedException {
        PacedExecutor executor = new PacedExecutor("test", Duration.ofMillis(100));
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger metrics = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        try {
            executor.setInterval(fetches::incrementAndGet, PacedExecutor.FETCH_MARKER_SECONDS,
                    PacedExecutor.FETCH_MARKER_SECONDS);
            executor.setInterval(metrics::incrementAndGet, ClientStarter.METRICS_SECONDS, ClientStarter.METRICS_SECONDS);
            executor.setInterval(() -> {
                failing.incrementAndGet();
                throw new IllegalStateException("Unleash down");
            }, PacedExecutor.FETCH_MARKER_SECONDS, PacedExecutor.FETCH_MARKER_SECONDS);
            Thread.sleep(1500);
        } finally {
            executor.shutdownNow();
        }
        // A one-second schedule would have run once at most; the paced one about 14 times.
        assertThat(fetches.get(), greaterThanOrEqualTo(4));
        assertThat(failing.get(), greaterThanOrEqualTo(4));
        assertThat(metrics.get(), is(0));
    }
}
