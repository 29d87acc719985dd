package io.tandem.cluster.health;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class CachedReadinessTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final long[] now = {0};
    private final HealthCheck store = () -> {
        calls.incrementAndGet();
        return HealthCheckResponse.builder().status(up.get()).build();
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
}
