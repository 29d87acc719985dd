package io.tandem.common.ft;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {
    private static final Backoff EQUAL = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(800), 0.5);

    @Test
    void theFirstAttemptNeverWaits() {
        for (double jitter : new double[] {0, 0.5, 1}) {
            Backoff backoff = new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(10), jitter);
            assertThat(backoff.delayBefore(1, new Random(7)), is(Duration.ZERO));
        }
    }

    @Test
    void withoutJitterTheWaitDoublesUpToTheCap() {
        Backoff exact = new Backoff(10, Duration.ofMillis(100), Duration.ofMillis(700), 0);
        long[] expected = {0, 100, 200, 400, 700, 700, 700};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertThat("attempt " + attempt, exact.delayBefore(attempt, new Random(1)).toMillis(), is(expected[attempt - 1]));
        }
    }

    @Test
    void everyWaitStaysWithinItsJitterBand() {
        Random random = new Random(42);
        long[] ceilings = {100, 200, 400, 800, 800};
        for (int i = 0; i < 2_000; i++) {
            for (int failures = 1; failures <= ceilings.length; failures++) {
                long ceiling = ceilings[failures - 1];
                assertThat(EQUAL.delayAfterFailures(failures, random).toMillis(),
                        allOf(greaterThanOrEqualTo(ceiling / 2), lessThanOrEqualTo(ceiling)));
            }
        }
    }

    @Test
    void fullJitterSpansFromZeroToTheCeiling() {
        Backoff full = new Backoff(5, Duration.ofMillis(10), Duration.ofMillis(10), 1);
        Random random = new Random(3);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 5_000; i++) {
            long wait = full.delayAfterFailures(1, random).toMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertThat(min, is(0L));
        assertThat(max, is(10L));
    }

    @Test
    void theSameSeedGivesTheSameWaits() {
        Random first = new Random(2026);
        Random second = new Random(2026);
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(EQUAL.delayBefore(attempt, first), is(EQUAL.delayBefore(attempt, second)));
        }
    }

    @Test
    void manyFailuresDoNotOverflowPastTheCap() {
        Backoff worker = new Backoff(Backoff.UNLIMITED, Duration.ofMillis(500), Duration.ofSeconds(30), 0);
        for (int failures : new int[] {30, 31, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(worker.delayAfterFailures(failures, new Random(1)), is(Duration.ofSeconds(30)));
        }
        assertThat(worker.allowsAfter(1_000_000), is(true));
    }

    @Test
    void attemptsBoundTheRetries() {
        assertThat(EQUAL.allowsAfter(4), is(true));
        assertThat(EQUAL.allowsAfter(5), is(false));
    }

    @Test
    void configOverridesOnlyWhatItNames() {
        Backoff read = Backoff.from(Config.just(ConfigSources.create(Map.of("retry.base", "PT0.02S",
                "retry.jitter", "1"))).get("retry"), EQUAL);
        assertThat(read, is(new Backoff(5, Duration.ofMillis(20), Duration.ofMillis(800), 1)));
        assertThat(Backoff.from(Config.empty().get("retry"), EQUAL), is(EQUAL));
    }

    @Test
    void aBaseAboveTheCapRaisesTheCap() {
        Backoff backoff = new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 0);
        assertThat(backoff.cap(), is(Duration.ofSeconds(2)));
        assertThat(backoff.delayBefore(3, new Random(1)), is(Duration.ofSeconds(2)));
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, Duration.ZERO, Duration.ofMillis(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, Duration.ofMillis(1), Duration.ofMillis(1), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, Duration.ofMillis(1), Duration.ofMillis(1), Double.NaN));
    }
}
