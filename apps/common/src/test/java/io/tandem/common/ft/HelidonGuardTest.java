package io.tandem.common.ft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.faulttolerance.CircuitBreakerOpenException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The guard's retries, with every wait recorded instead of slept. */
class HelidonGuardTest {
    private final List<Duration> waits = new ArrayList<>();

    private HelidonGuard guard(String name, int attempts) {
        return guard(name, attempts, DependencyPolicy.DEFAULT_VOLUME);
    }

    private HelidonGuard guard(String name, int attempts, int breakerVolume) {
        DependencyPolicy policy = DependencyPolicy.create(name, Config.just(ConfigSources.create(Map.of(
                "retry.attempts", Integer.toString(attempts), "retry.base", "PT0.1S", "retry.jitter", "0.5",
                "breaker.volume", Integer.toString(breakerVolume), "breaker.delay", "PT1M"))));
        return new HelidonGuard(policy, waits::add, new Random(11));
    }

    @Test
    void aCallThatSucceedsFirstTimeNeverWaits() {
        HelidonGuard guard = guard("first-attempt", 2);
        for (int i = 0; i < 100; i++) {
            assertThat(guard.callIdempotent(() -> "ok"), is("ok"));
        }
        assertThat(waits, is(empty()));
    }

    @Test
    void aRetryWaitsOnlyBetweenAttempts() {
        HelidonGuard guard = guard("retry-once", 2);
        AtomicInteger calls = new AtomicInteger();
        String answer = guard.callIdempotent(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first fails");
            }
            return "second";
        });
        assertThat(answer, is("second"));
        assertThat(calls.get(), is(2));
        assertThat(waits, hasSize(1));
        assertThat(waits.getFirst().toMillis(), allOf(greaterThanOrEqualTo(50L), lessThanOrEqualTo(100L)));
    }

    @Test
    void theLastFailureIsThrownAfterAllAttempts() {
        HelidonGuard guard = guard("all-fail", 3);
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> guard.callIdempotent(() -> {
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        }));
        assertThat(thrown.getMessage(), is("failure 3"));
        assertThat(waits, hasSize(2));
    }

    @Test
    void anOpenBreakerIsNotRetried() {
        HelidonGuard guard = guard("breaker-open", 3, 2);
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> guard.call(() -> {
                throw new IllegalStateException("filling the breaker");
            }));
        }
        AtomicInteger calls = new AtomicInteger();
        assertThrows(CircuitBreakerOpenException.class, () -> guard.callIdempotent(calls::incrementAndGet));
        assertThat(calls.get(), is(0));
        assertThat(waits, is(empty()));
    }

    @Test
    void aPlainCallIsNeverRetried() {
        HelidonGuard guard = guard("plain", 3);
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> guard.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no");
        }));
        assertThat(calls.get(), is(1));
        assertThat(waits, is(empty()));
    }
}
