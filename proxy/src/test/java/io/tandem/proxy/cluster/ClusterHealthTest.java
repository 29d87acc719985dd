package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The health state machine, on a clock the test moves. */
class ClusterHealthTest {
    private long now;
    private final List<String> transitions = new ArrayList<>();

    private ClusterHealth health(Duration failoverDelay, Duration failbackDelay) {
        HealthSettings settings = new HealthSettings("/ready", Duration.ofSeconds(1), Duration.ofMillis(500), 3, 2, 4,
                failoverDelay, Duration.ofSeconds(5), failbackDelay, Set.of(500, 502, 503, 504));
        return new ClusterHealth(settings, () -> now, (from, to, reason) -> transitions.add(from + ">" + to));
    }

    @Test
    void oneOrTwoMissedChecksDoNotMoveTraffic() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        h.activeResult(ProbeOutcome.READY, "ok");
        h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        assertThat(h.state(), is(HealthState.UP));
        h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        assertThat(h.state(), is(HealthState.DOWN));
        assertThat(transitions, is(List.of("UP>FAILING", "FAILING>DOWN")));
    }

    @Test
    void failoverDelayKeepsAFailingClusterRoutedUntilItRunsOut() {
        ClusterHealth h = health(Duration.ofSeconds(5), Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        }
        assertThat(h.state(), is(HealthState.FAILING));
        assertThat(h.state().routable(), is(true));
        now += Duration.ofSeconds(4).toNanos();
        h.tick();
        assertThat(h.state(), is(HealthState.FAILING));
        now += Duration.ofSeconds(1).toNanos();
        h.tick();
        assertThat(h.state(), is(HealthState.DOWN));
    }

    @Test
    void aBlipShorterThanTheFailoverDelayHeals() {
        ClusterHealth h = health(Duration.ofSeconds(5), Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        }
        h.activeResult(ProbeOutcome.READY, "ok");
        h.activeResult(ProbeOutcome.READY, "ok");
        assertThat(h.state(), is(HealthState.UP));
    }

    @Test
    void failbackWaitsForTheDelayAndAnyFailureRestartsIt() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.UNREACHABLE, "x");
        }
        h.activeResult(ProbeOutcome.READY, "ok");
        h.activeResult(ProbeOutcome.READY, "ok");
        assertThat(h.state(), is(HealthState.RECOVERING));
        assertThat(h.state().routable(), is(false));
        now += Duration.ofSeconds(6).toNanos();
        h.activeResult(ProbeOutcome.UNREACHABLE, "blip");
        assertThat(h.state(), is(HealthState.DOWN));
        h.activeResult(ProbeOutcome.READY, "ok");
        h.activeResult(ProbeOutcome.READY, "ok");
        now += Duration.ofSeconds(9).toNanos();
        h.tick();
        assertThat(h.state(), is(HealthState.RECOVERING));
        now += Duration.ofSeconds(1).toNanos();
        h.activeResult(ProbeOutcome.READY, "ok");
        assertThat(h.state(), is(HealthState.UP));
    }

    @Test
    void liveFailuresInARowMarkTheClusterFailingAndASuccessResetsTheCount() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.passiveResult(false, "status 502");
        }
        h.passiveResult(true, "");
        for (int i = 0; i < 3; i++) {
            h.passiveResult(false, "status 502");
        }
        assertThat(h.state(), is(HealthState.UP));
        h.passiveResult(false, "connect failed");
        assertThat(h.state(), is(HealthState.DOWN));
        assertThat(h.lastReason().contains("connect failed"), is(true));
    }

    @Test
    void aClusterThatTimesOutButAnsweredLatelyIsBusyNotDead() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        h.answered(now);
        for (int i = 0; i < 10; i++) {
            now += Duration.ofMillis(400).toNanos();
            h.activeResult(ProbeOutcome.UNRESPONSIVE, "timed out");
            // Live requests still come back, slowly: it is alive.
            h.answered(now);
        }
        assertThat(h.state(), is(HealthState.UP));
        assertThat(transitions, is(List.of()));
    }

    @Test
    void aClusterThatAnswersNothingForTheUnresponsiveDelayIsDown() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        h.answered(now);
        now += Duration.ofMillis(4900).toNanos();
        h.activeResult(ProbeOutcome.UNRESPONSIVE, "timed out");
        assertThat(h.state(), is(HealthState.UP));
        now += Duration.ofMillis(200).toNanos();
        h.activeResult(ProbeOutcome.UNRESPONSIVE, "timed out");
        assertThat(h.state(), is(HealthState.DOWN));
        assertThat(h.lastReason().contains("no answer for 5 s"), is(true));
    }

    @Test
    void aReadinessProbeThatAnswersNotReadyIsSicknessAtOnce() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.NOT_READY, "status 503");
        }
        assertThat(h.state(), is(HealthState.DOWN));
    }

    @Test
    void aTimeoutWhileRecoveringSendsItBackDown() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.UNREACHABLE, "connect failed");
        }
        h.activeResult(ProbeOutcome.READY, "ok");
        h.activeResult(ProbeOutcome.READY, "ok");
        assertThat(h.state(), is(HealthState.RECOVERING));
        h.activeResult(ProbeOutcome.UNRESPONSIVE, "timed out");
        assertThat(h.state(), is(HealthState.DOWN));
    }

    @Test
    void aColdClusterWhoseProbesAnswerLateStaysUpButDoesNotRecoverUntilFast() {
        ClusterHealth h = health(Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            now += Duration.ofSeconds(1).toNanos();
            h.activeResult(ProbeOutcome.SLOW, "status 200 after 900 ms");
        }
        assertThat(h.state(), is(HealthState.UP));
        for (int i = 0; i < 3; i++) {
            h.activeResult(ProbeOutcome.UNREACHABLE, "connect failed");
        }
        h.activeResult(ProbeOutcome.SLOW, "late");
        h.activeResult(ProbeOutcome.SLOW, "late");
        assertThat("slow answers are no recovery", h.state(), is(HealthState.DOWN));
    }
}
