package io.tandem.proxy.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The live window forgets what is older than the window and reads quantiles from its buckets. */
class LiveWindowTest {
    private long now = Duration.ofSeconds(1000).toNanos();
    private final LiveWindow window = new LiveWindow(Duration.ofSeconds(5), () -> now);

    @Test
    void countsWhatIsInsideTheWindowOnly() {
        window.answered(ms(20));
        window.failed(ms(20));
        window.shed();
        now += Duration.ofSeconds(3).toNanos();
        window.answered(ms(20));
        assertThat(window.snapshot().requests(), is(3L));
        assertThat(window.snapshot().shed(), is(1L));
        now += Duration.ofSeconds(3).toNanos();
        LiveWindow.Snapshot s = window.snapshot();
        assertThat(s.requests(), is(1L));
        assertThat(s.shed(), is(0L));
        assertThat(s.errorRatio(), is(0.0));
    }

    @Test
    void p99IsTheBucketBoundOfTheSlowestPercent() {
        for (int i = 0; i < 98; i++) {
            window.answered(ms(8));
        }
        window.answered(ms(600));
        window.answered(ms(9000));
        LiveWindow.Snapshot s = window.snapshot();
        assertThat(s.latencyMillis(0.5), is(10L));
        assertThat(s.latencyMillis(0.99), is(750L));
        assertThat(s.latencyMillis(1.0), is(10000L));
    }

    @Test
    void aRecycledBucketStartsFromZero() {
        for (int i = 0; i < 10; i++) {
            window.failed(ms(5));
        }
        now += Duration.ofSeconds(6).toNanos();
        window.answered(ms(5));
        assertThat(window.snapshot().failed(), is(0L));
        assertThat(window.snapshot().answered(), is(1L));
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
