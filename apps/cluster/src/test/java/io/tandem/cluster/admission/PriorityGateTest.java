package io.tandem.cluster.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.SettableLimit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PriorityGateTest {
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private final PriorityGate gate = new PriorityGate(FixedLimit.of(4), 0.5, Duration.ZERO,
            recent(1, System::nanoTime), ramp(System::nanoTime), System::nanoTime);

    /** The ramp at its defaults: busy from 125 ms (half the 250 ms target), then 4 a second or 1.5x the one before. */
    private static NewSessionRamp ramp(LongSupplier clock) {
        return PriorityGate.ramp(AdmissionConfig.defaults(), clock);
    }

    /** The latency the gate judges by: p90 of checkout work over {@link #WINDOW}, from this many samples on. */
    private static RecentLatency recent(int minSamples, LongSupplier clock) {
        return new RecentLatency(WINDOW.toNanos(), 0.9, minSamples, clock);
    }

    /** A gate with a 250 ms target on a clock the test moves. */
    private static PriorityGate slowGate(long[] now, int minSamples) {
        return new PriorityGate(FixedLimit.of(100), 0.5, Duration.ofMillis(250), recent(minSamples, () -> now[0]),
                ramp(() -> now[0]), () -> now[0]);
    }

    /** One checkout call (priority in-flight) that takes this long. */
    private static void checkoutCall(PriorityGate gate, long[] now, long millis) {
        PriorityGate.Permit call = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        now[0] += millis * 1_000_000L;
        call.release(true);
    }

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
        PriorityGate tiny = new PriorityGate(new SettableLimit(1), 0.5, Duration.ZERO, recent(1, System::nanoTime),
                ramp(System::nanoTime), System::nanoTime);
        assertThat(tiny.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
        assertThat(tiny.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(false));
    }

    @Test
    void theGradientLimitGrowsWhileFastAndShrinksWhenAdmittedWorkGetsSlower() {
        long[] now = {0};
        AdmissionConfig c = AdmissionConfig.defaults();
        PriorityGate adaptive = new PriorityGate(PriorityGate.limit(c), c.newSessionShare(), Duration.ZERO,
                recent(1, () -> now[0]), ramp(() -> now[0]), () -> now[0]);
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
    void newSessionsWaitWhileCheckoutWorkIsSlowerThanTheTargetAndComeBackOnceItIsNot() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 1);
        checkoutCall(gate, now, 200);
        assertThat("200 ms: under the target", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
        for (int i = 0; i < 3; i++) {
            checkoutCall(gate, now, 300);
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
    void aSlowTailShutsNewSessionsOutThoughTheMedianIsFast() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 20);
        for (int i = 0; i < 17; i++) {
            checkoutCall(gate, now, 10);
        }
        for (int i = 0; i < 3; i++) {
            checkoutCall(gate, now, 400);
        }
        assertThat("p90 of 17 x 10 ms and 3 x 400 ms", gate.recentLatencyMillis(), is(256L));
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(false));
        for (int i = 0; i < 10; i++) {
            checkoutCall(gate, now, 10);
        }
        assertThat("30 samples, 3 slow: p90 is fast again", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
    }

    @Test
    void tooFewSamplesSayNothing() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 20);
        List<PriorityGate.Permit> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow());
        }
        now[0] += 900_000_000L;
        calls.subList(0, 19).forEach(p -> p.release(true));
        assertThat("19 slow calls of a quiet cluster", gate.recentLatencyMillis(), is(0L));
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
        calls.get(19).release(true);
        assertThat("the 20th", gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(false));
    }

    @Test
    void refusedRequestsAreNoSamples() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 1);
        PriorityGate.Permit failedEarly = gate.tryAcquire(Priority.IN_FLIGHT).orElseThrow();
        now[0] += 900_000_000L;
        failedEarly.release(false);
        assertThat(gate.recentLatencyMillis(), is(0L));
    }

    @Test
    void slowNewSessionRequestsAreNoSignal() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 1);
        // Two clients trickle their bodies in for 5 s each while ten checkouts take 20 ms.
        List<PriorityGate.Permit> slow = List.of(gate.tryAcquire(Priority.NEW_SESSION).orElseThrow(),
                gate.tryAcquire(Priority.NEW_SESSION).orElseThrow());
        now[0] += 1_500_000_000L;
        for (int i = 0; i < 10; i++) {
            checkoutCall(gate, now, 20);
        }
        slow.forEach(p -> p.release(true));
        assertThat(gate.recentLatencyMillis() < 250, is(true));
        assertThat(gate.tryAcquire(Priority.NEW_SESSION).isPresent(), is(true));
    }

    @Test
    void whileBusyNewSessionsRiseOnlySoFastAndAQuietClusterIsNotPaced() {
        long[] now = {0};
        PriorityGate gate = slowGate(now, 1);
        checkoutCall(gate, now, 50);
        int quiet = newSessionsAdmitted(gate, 50);
        assertThat("checkout work at 32 ms: a burst of 50 all pass", quiet, is(50));
        now[0] += 1_000_000_000L - now[0] % 1_000_000_000L;
        checkoutCall(gate, now, 150);
        assertThat("128 ms: busy", gate.recentLatencyMillis(), is(128L));
        assertThat("busy: at most 1.5 x the 50 of the second before", newSessionsAdmitted(gate, 200), is(75));
        now[0] += 1_000_000_000L;
        assertThat("then 1.5 x 75", newSessionsAdmitted(gate, 200), is(113));
        now[0] += 2_000_000_000L;
        checkoutCall(gate, now, 150);
        assertThat("after a second with none: the floor", newSessionsAdmitted(gate, 200), is(4));
        assertThat("a checkout under way is not paced", gate.tryAcquire(Priority.IN_FLIGHT).isPresent(), is(true));
    }

    /** Tries this many new sessions at once (each released at once); how many got in. */
    private static int newSessionsAdmitted(PriorityGate gate, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            Optional<PriorityGate.Permit> permit = gate.tryAcquire(Priority.NEW_SESSION);
            if (permit.isPresent()) {
                admitted++;
                permit.get().release(false);
            }
        }
        return admitted;
    }
}
