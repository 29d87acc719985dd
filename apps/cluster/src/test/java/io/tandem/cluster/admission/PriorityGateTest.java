package io.tandem.cluster.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.SettableLimit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PriorityGateTest {
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private final PriorityGate gate = new PriorityGate(FixedLimit.of(4), 0.5, Duration.ZERO, WINDOW, System::nanoTime);

    @Test
    void newSessionsTakeOnlyTheirShareAndCheckoutsUnderWayTheRest() {
        List<PriorityGate.Permit> held = new ArrayList<>();
        held.add(gate.tryAcquire(Priority.NEW_SESSION).orElseThrow());
        held.add(gate.tryAcquire(Priority.NEW_SESSION).orElseThrow());
        assertThat("a third new session while half the limit is taken", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(false));
        held.add(gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow());
        held.add(gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow());
        assertThat("the whole limit taken", gate.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(false));
        assertThat(gate.inFlight(), is(4));
        held.remove(0).release(true);
        assertThat(gate.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(true));
    }

    @Test
    void checkoutsUnderWayHoldBackNewSessions() {
        for (int i = 0; i < 2; i++) {
            gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        }
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(false));
        assertThat(gate.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(true));
    }

    @Test
    void probesPassAFullGateUncounted() {
        for (int i = 0; i < 4; i++) {
            gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        }
        Optional<PriorityGate.Permit> probe = gate.tryAcquire(Priority.PROBE);
        assertThat(probe.isPresent(), is(true));
        probe.get().release(true);
        assertThat(gate.inFlight(), is(4));
    }

    @Test
    void aPermitIsReleasedOnce() {
        PriorityGate.Permit permit = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        permit.release(true);
        permit.release(true);
        assertThat(gate.inFlight(), is(0));
    }

    @Test
    void aNewSessionGetsASlotEvenUnderATinyLimit() {
        PriorityGate tiny = new PriorityGate(new SettableLimit(1), 0.5, Duration.ZERO, WINDOW, System::nanoTime);
        assertThat(tiny.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
        assertThat(tiny.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(false));
    }

    @Test
    void theGradientLimitGrowsWhileFastAndShrinksWhenAdmittedWorkGetsSlower() {
        long[] now = {0};
        AdmissionConfig c = AdmissionConfig.defaults();
        PriorityGate adaptive = new PriorityGate(PriorityGate.limit(c), c.newSessionShare(), Duration.ZERO, WINDOW, () -> now[0]);
        int start = adaptive.limit();
        runWindows(adaptive, now, 100, 5_000_000L);
        int fast = adaptive.limit();
        runWindows(adaptive, now, 30, 100_000_000L);
        int slow = adaptive.limit();
        assertThat("limit " + fast + " after the fast windows, from " + start, fast > start, is(true));
        assertThat("limit " + slow + " after the slow windows, from " + fast, slow < start, is(true));
        assertThat(slow >= c.minLimit(), is(true));
    }

    /** Each window: the whole limit taken, held {@code rttNanos}, released; then a second idle (one window each). */
    private static void runWindows(PriorityGate gate, long[] now, int windows, long rttNanos) {
        for (int w = 0; w < windows; w++) {
            List<PriorityGate.Permit> held = new ArrayList<>();
            for (int k = gate.limit(); k > 0; k--) {
                gate.tryAcquire(Priority.IN_FLIGHT).ifPresent(held::add);
            }
            now[0] += rttNanos;
            held.forEach(p -> p.release(true));
            now[0] += 1_000_000_000L;
        }
    }

    @Test
    void newSessionsWaitWhileAdmittedWorkIsSlowerThanTheTargetAndComeBackOnceItIsNot() {
        long[] now = {0};
        PriorityGate gate = new PriorityGate(FixedLimit.of(100), 0.5, Duration.ofMillis(250), WINDOW, () -> now[0]);
        PriorityGate.Permit checkout = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        now[0] += 200_000_000L;
        checkout.release(true);
        assertThat("200 ms: under the target", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
        for (int i = 0; i < 3; i++) {
            checkout = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
            now[0] += 300_000_000L;
            checkout.release(true);
        }
        assertThat(gate.recentLatencyMillis() > 250, is(true));
        assertThat("slow: no new session", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(false));
        assertThat("a checkout under way still goes on", gate.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(true));
        // With nothing new ending, the slow samples age out of the window and new sessions come in again.
        now[0] += WINDOW.toNanos() + 1;
        assertThat(gate.recentLatencyMillis(), is(0L));
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
    }

    @Test
    void refusedRequestsAreNoSamples() {
        long[] now = {0};
        PriorityGate gate = new PriorityGate(FixedLimit.of(100), 0.5, Duration.ofMillis(250), WINDOW, () -> now[0]);
        PriorityGate.Permit failedEarly = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        now[0] += 900_000_000L;
        failedEarly.release(false);
        assertThat(gate.recentLatencyMillis(), is(0L));
    }

    @Test
    void aFewSlowRequestsAmongFastOnesDoNotShutNewSessionsOut() {
        long[] now = {0};
        PriorityGate gate = new PriorityGate(FixedLimit.of(100), 0.5, Duration.ofMillis(250), WINDOW, () -> now[0]);
        // Two clients trickle their bodies in for 5 s each; ten checkouts take 20 ms.
        List<PriorityGate.Permit> slow = List.of(gate.tryAcquire(Priority.NEW_SESSION).orElseThrow(),
                gate.tryAcquire(Priority.NEW_SESSION).orElseThrow());
        now[0] += 1_500_000_000L;
        for (int i = 0; i < 10; i++) {
            PriorityGate.Permit fast = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
            now[0] += 20_000_000L;
            fast.release(true);
        }
        slow.forEach(p -> p.release(true));
        assertThat(gate.recentLatencyMillis() < 250, is(true));
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
    }
}
