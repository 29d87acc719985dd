package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The new-session weight: down a step per verdict, up a step per ramp hold, failback through the same ramp. */
class NewSessionWeightTest {
    private static final OutlierDetector.Verdict SLOW = new OutlierDetector.Verdict(true, "live p99 2000 ms");
    private static final OutlierDetector.Verdict FINE = new OutlierDetector.Verdict(false, "");
    private final List<String> moves = new ArrayList<>();
    private long now;
    private final NewSessionWeight weight = new NewSessionWeight(OutlierSettings.defaults(), 0,
            (from, to, reason) -> moves.add(from + ">" + to));

    @Test
    void anOutlierStepsDownNeverAtOnce() {
        weight.judged(SLOW, true, tick(1));
        assertThat(weight.weight(), is(50));
        weight.judged(SLOW, true, tick(1));
        assertThat(weight.weight(), is(10));
        weight.judged(SLOW, true, tick(1));
        assertThat(weight.weight(), is(0));
        weight.judged(SLOW, true, tick(1));
        assertThat(moves, is(List.of("100>50", "50>10", "10>0")));
        assertThat(weight.reason(), is("live p99 2000 ms"));
    }

    @Test
    void itComesBackThroughTheRampHoldingEachStep() {
        for (int i = 0; i < 3; i++) {
            weight.judged(SLOW, true, tick(1));
        }
        weight.judged(FINE, true, tick(4));
        assertThat("held 5 s at 0 first", weight.weight(), is(0));
        weight.judged(FINE, true, tick(1));
        assertThat(weight.weight(), is(10));
        weight.judged(FINE, true, tick(4));
        assertThat(weight.weight(), is(10));
        weight.judged(FINE, true, tick(1));
        assertThat(weight.weight(), is(50));
        weight.judged(FINE, true, tick(5));
        assertThat(weight.weight(), is(100));
        assertThat(moves, is(List.of("100>50", "50>10", "10>0", "0>10", "10>50", "50>100")));
    }

    @Test
    void aVerdictDuringTheRampStepsDownAgainAndRestartsTheHold() {
        weight.restartRamp(tick(0));
        weight.judged(FINE, true, tick(5));
        assertThat(weight.weight(), is(50));
        weight.judged(SLOW, true, tick(1));
        assertThat(weight.weight(), is(10));
        weight.judged(FINE, true, tick(4));
        assertThat(weight.weight(), is(10));
    }

    @Test
    void noOtherHealthyClusterMeansNoEjection() {
        weight.judged(SLOW, false, tick(1));
        weight.judged(SLOW, false, tick(1));
        assertThat(weight.weight(), is(100));
        assertThat(moves, is(List.of()));
    }

    @Test
    void failbackStartsAtTheFirstRampStep() {
        weight.restartRamp(tick(0));
        assertThat(weight.weight(), is(10));
        weight.judged(FINE, true, tick(5));
        weight.judged(FINE, true, tick(5));
        assertThat(weight.weight(), is(100));
    }

    private long tick(int seconds) {
        now += Duration.ofSeconds(seconds).toNanos();
        return now;
    }
}
