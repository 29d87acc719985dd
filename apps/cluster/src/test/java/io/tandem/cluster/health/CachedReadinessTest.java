package io.tandem.cluster.health;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

import io.tandem.common.api.StoreCheckTimes;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class CachedReadinessTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final long[] now = {0};
    /** How long the store takes to answer, on the test's clock. */
    private final long[] storeNanos = {0};
    private final HealthCheck store = () -> {
        calls.incrementAndGet();
        now[0] += storeNanos[0];
        return HealthCheckResponse.builder().status(up.get()).detail("answer", "ok").build();
    };
    private final CachedReadiness.Cached cached = new CachedReadiness.Cached(store, 5_000_000_000L, () -> now[0]);

    @Test
    void theProbeAnswersTheLastResultWithoutQueryingTheStore() {
        cached.refresh();
        for (int i = 0; i < 10; i++) {
            assertThat(cached.call().status(), is(HealthCheckResponse.Status.UP));
        }
        assertThat(calls.get(), is(1));
        up.set(false);
        cached.refresh();
        assertThat(cached.call().status(), is(HealthCheckResponse.Status.DOWN));
    }

    @Test
    void beforeAnyBackgroundResultTheProbeChecksItself() {
        assertThat(cached.call().status(), is(HealthCheckResponse.Status.UP));
        assertThat(calls.get(), is(1));
    }

    @Test
    void aResultOlderThanMaxAgeIsDown() {
        cached.refresh();
        now[0] += 5_000_000_001L;
        HealthCheckResponse stale = cached.call();
        assertThat(stale.status(), is(HealthCheckResponse.Status.DOWN));
        assertThat(String.valueOf(stale.details().get("error")).startsWith("stale"), is(true));
    }

    @Test
    void eachAnswerSaysHowLongTheStoreCheckTookAndKeepsTheCheckDetails() {
        storeNanos[0] = 2_000_000_000L;
        cached.refresh();
        HealthCheckResponse answer = cached.call();
        assertThat(answer.details().get(StoreCheckTimes.DETAIL), is(2000L));
        assertThat(answer.details().get("answer"), is("ok"));
        storeNanos[0] = 3_000_000L;
        cached.refresh();
        assertThat(cached.call().details().get(StoreCheckTimes.DETAIL), is(3L));
    }

    @Test
    void aCheckStillRunningCountsForAsLongAsItHasRun() throws Exception {
        AtomicInteger hangingCalls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CachedReadiness.Cached hanging = new CachedReadiness.Cached(() -> {
            if (hangingCalls.incrementAndGet() > 1) {
                entered.countDown();
                await(release);
            }
            return HealthCheckResponse.builder().status(true).build();
        }, 5_000_000_000L, () -> now[0]);
        hanging.refresh();
        Thread refresher = Thread.ofVirtual().start(hanging::refresh);
        entered.await();
        now[0] += 1_500_000_000L;
        HealthCheckResponse answer = hanging.call();
        assertThat("the last result still answers", answer.status(), is(HealthCheckResponse.Status.UP));
        assertThat(answer.details().get(StoreCheckTimes.DETAIL), is(1500L));
        release.countDown();
        refresher.join();
        assertThat(hanging.call().details().get(StoreCheckTimes.DETAIL), is(1500L));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
