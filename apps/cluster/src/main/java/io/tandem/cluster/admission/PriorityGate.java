package io.tandem.cluster.admission;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;

/**
 * One concurrency limit shared by every priority, and who may take a slot of it: a checkout under way while fewer
 * than the limit are in flight; a new session only while fewer than {@code newSessionShare} of it are, so the rest
 * is kept for checkouts that already hold a cart. Nothing waits: a request either gets a permit at once or is
 * refused (a queue in front of a busy cluster only adds its wait to every answer). The limit itself moves with the
 * latency of what was admitted (Netflix's gradient: the limit shrinks when requests get slower than at no load).
 * And a new session is refused while the checkouts under way wait: while the {@code new-session-latency-quantile} of
 * the latency of checkout work (priority {@link Priority#IN_FLIGHT}) over the last {@code latency-window} is above
 * {@code new-session-latency-target}. The gradient compares latency with its own long-run average, which rises with
 * a sustained overload, so alone it let admitted checkouts wait 1.7 s at their place order. Only checkout work is the
 * signal: it is what the shoppers already admitted feel, and what a new session would add to. And while that latency
 * is near the target (at least {@code new-session-ramp.busy-share} of it), new sessions may rise only so fast from one
 * second to the next ({@link NewSessionRamp}): the latency answers a new session's cost seconds after its admission.
 */
public final class PriorityGate {
    private final Limit limit;
    private final double newSessionShare;
    private final LongSupplier nanoClock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RecentLatency recent;
    private final long newSessionLatencyTargetMillis;
    private final NewSessionRamp ramp;

    PriorityGate(Limit limit, double newSessionShare, Duration newSessionLatencyTarget, RecentLatency recent,
                 NewSessionRamp ramp, LongSupplier nanoClock) {
        this.limit = limit;
        this.newSessionShare = newSessionShare;
        this.newSessionLatencyTargetMillis = newSessionLatencyTarget.toMillis();
        this.recent = recent;
        this.ramp = ramp;
        this.nanoClock = nanoClock;
    }

    /** The gate a config describes, on the system clock. */
    public static PriorityGate create(AdmissionConfig config) {
        return new PriorityGate(limit(config), config.newSessionShare(), config.newSessionLatencyTarget(),
                recentLatency(config, System::nanoTime), ramp(config, System::nanoTime), System::nanoTime);
    }

    /** Busy from {@code new-session-ramp.busy-share} of the latency target on. */
    static NewSessionRamp ramp(AdmissionConfig c, LongSupplier nanoClock) {
        return new NewSessionRamp(c.rampGrowth(), c.rampFloor(),
                c.newSessionLatencyTarget().toMillis() * c.rampBusyShare(), nanoClock);
    }

    static RecentLatency recentLatency(AdmissionConfig c, LongSupplier nanoClock) {
        return new RecentLatency(c.latencyWindow().toNanos(), c.newSessionLatencyQuantile(), c.latencyMinSamples(),
                nanoClock);
    }

    static Limit limit(AdmissionConfig c) {
        if (c.algorithm().equals("fixed")) {
            return FixedLimit.of(c.initialLimit());
        }
        Gradient2Limit gradient = Gradient2Limit.newBuilder()
                .initialLimit(c.initialLimit()).minLimit(c.minLimit()).maxConcurrency(c.maxLimit())
                .rttTolerance(c.rttTolerance()).smoothing(c.smoothing()).longWindow(c.longWindow())
                .queueSize(c.queueSize()).build();
        // Averaged over a window: one slow request (a GC pause, a cold route) must not move the limit alone.
        return WindowedLimit.newBuilder().minWindowTime(c.window().toNanos(), TimeUnit.NANOSECONDS)
                .maxWindowTime(Math.max(c.window().toNanos(), TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)
                .windowSize(c.windowSize()).build(gradient);
    }

    /**
     * A permit, or empty when the request must be refused. Probes always get one and are not counted.
     *
     * @param priority the request's priority
     * @return the permit to release when the request ends
     */
    public Optional<Permit> tryAcquire(Priority priority) {
        if (priority == Priority.PROBE) {
            return Optional.of(Permit.NONE);
        }
        if (priority == Priority.NEW_SESSION && newSessionLatencyTargetMillis > 0) {
            long latency = recent.millis();
            if (latency > newSessionLatencyTargetMillis) {
                // The checkouts under way already wait longer than the target: a new one would only add to that wait.
                return Optional.empty();
            }
            if (!ramp.tryAdmit(latency)) {
                // Busy: new sessions may rise only so fast, or their checkouts arrive together before the gate sees them.
                return Optional.empty();
            }
        }
        int bound = bound(priority);
        while (true) {
            int now = inFlight.get();
            if (now >= bound) {
                return Optional.empty();
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return Optional.of(new Permit(this, priority, nanoClock.getAsLong(), now + 1));
            }
        }
    }

    /** How many may be in flight when a request of this priority arrives (never below 1: something always moves). */
    int bound(Priority priority) {
        int current = limit.getLimit();
        return priority == Priority.NEW_SESSION ? Math.max(1, (int) Math.floor(current * newSessionShare)) : current;
    }

    public int limit() {
        return limit.getLimit();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** New sessions one second lets through while the cluster is busy. */
    public int newSessionBudget() {
        return ramp.budget();
    }

    /** The latency quantile of checkout work over the latency window, in milliseconds (a power of two). */
    public long recentLatencyMillis() {
        return recent.millis();
    }

    private void release(Priority priority, long startNanos, int inFlightAtStart, boolean sample) {
        inFlight.decrementAndGet();
        if (sample) {
            long latency = nanoClock.getAsLong() - startNanos;
            if (priority == Priority.IN_FLIGHT) {
                recent.record(latency);
            }
            limit.onSample(startNanos, latency, inFlightAtStart, false);
        }
    }

    /** A slot of the limit, released once when the request ends. */
    public static final class Permit {
        static final Permit NONE = new Permit(null, Priority.PROBE, 0, 0);
        private final PriorityGate gate;
        private final Priority priority;
        private final long startNanos;
        private final int inFlightAtStart;
        private final AtomicInteger released = new AtomicInteger();

        private Permit(PriorityGate gate, Priority priority, long startNanos, int inFlightAtStart) {
            this.gate = gate;
            this.priority = priority;
            this.startNanos = startNanos;
            this.inFlightAtStart = inFlightAtStart;
        }

        /**
         * Gives the slot back.
         *
         * @param sample whether the request's latency tells the limit something (an answer from the services; not a
         *               request that failed before any work, which would look fast and grow the limit)
         */
        public void release(boolean sample) {
            if (gate != null && released.compareAndSet(0, 1)) {
                gate.release(priority, startNanos, inFlightAtStart, sample);
            }
        }
    }
}
