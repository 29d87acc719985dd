package io.tandem.proxy.cluster;

import java.util.function.LongSupplier;

/**
 * The health state machine of one cluster, fed by active checks, live requests and the passing of time. It answers
 * one question: can the cluster be reached? Busy and slow are not dead: a probe that times out while the cluster
 * answered something (a probe, a live request, even a shed) within {@code unresponsive-delay} counts for nothing
 * here; slowness moves only new sessions, by weight ({@link NewSessionWeight}).
 *
 * <pre>
 * UP --(unhealthy-threshold failed checks, or passive-threshold failed live requests,
 *       or no answer at all for unresponsive-delay)--> FAILING
 * FAILING --(failover-delay passed)--> DOWN          FAILING --(healthy-threshold good checks)--> UP
 * DOWN --(healthy-threshold good checks)--> RECOVERING
 * RECOVERING --(failback-delay passed, no failed check)--> UP     RECOVERING --(a failed check)--> DOWN
 * </pre>
 * The hot path reads one volatile field; only failures and transitions take the lock.
 */
public final class ClusterHealth {
    /** Told of every transition. */
    public interface Listener {
        void changed(HealthState from, HealthState to, String reason);
    }

    private final HealthSettings settings;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private volatile HealthState state = HealthState.UP;
    private volatile int passiveFailures;
    /** When the cluster last answered anything: written on every live answer, so a plain volatile long. */
    private volatile long lastAnswer;
    private int activeFailures;
    private int activeSuccesses;
    private long since;
    private String lastReason = "start";

    ClusterHealth(HealthSettings settings, LongSupplier nanoClock, Listener listener) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.listener = listener;
        this.since = nanoClock.getAsLong();
        this.lastAnswer = since;
    }

    /** Current state. */
    public HealthState state() {
        return state;
    }

    /** Why the last transition happened. */
    public synchronized String lastReason() {
        return lastReason;
    }

    /**
     * Result of one active check.
     *
     * @param outcome what the probe found
     * @param detail  what was seen (status or error), for the transition reason
     */
    public synchronized void activeResult(ProbeOutcome outcome, String detail) {
        long now = nanoClock.getAsLong();
        switch (outcome) {
            case READY -> {
                lastAnswer = now;
                checkPassed(now);
            }
            case NOT_READY -> {
                lastAnswer = now;
                checkFailed(now, detail);
            }
            case UNREACHABLE -> checkFailed(now, detail);
            case SLOW -> {
                // Alive: no step towards down. Not healthy-fast either: no step towards recovery.
                lastAnswer = now;
                activeSuccesses = 0;
                if (state == HealthState.RECOVERING) {
                    move(HealthState.DOWN, now, "check slow while recovering: " + detail);
                }
            }
            case UNRESPONSIVE -> {
                long silent = now - lastAnswer;
                if (silent >= settings.unresponsiveDelay().toNanos()) {
                    activeFailures = Math.max(activeFailures, settings.unhealthyThreshold() - 1);
                    checkFailed(now, "no answer for " + java.time.Duration.ofNanos(silent).toSeconds() + " s ("
                            + detail + ")");
                } else {
                    // Busy or slow: no step towards down, but no step towards recovery either.
                    activeSuccesses = 0;
                    if (state == HealthState.RECOVERING) {
                        move(HealthState.DOWN, now, "check timed out while recovering");
                    }
                }
            }
            default -> throw new IllegalStateException(outcome.name());
        }
        tick(now);
    }

    private void checkPassed(long now) {
        activeFailures = 0;
        activeSuccesses++;
        if (activeSuccesses >= settings.healthyThreshold()) {
            if (state == HealthState.FAILING) {
                passiveFailures = 0;
                move(HealthState.UP, now, "checks pass again");
            } else if (state == HealthState.DOWN) {
                move(HealthState.RECOVERING, now, activeSuccesses + " checks passed");
            }
        }
    }

    private void checkFailed(long now, String detail) {
        activeSuccesses = 0;
        activeFailures++;
        if (state == HealthState.RECOVERING) {
            move(HealthState.DOWN, now, "check failed while recovering: " + detail);
        } else if (state == HealthState.UP && activeFailures >= settings.unhealthyThreshold()) {
            move(HealthState.FAILING, now, activeFailures + " checks failed, last: " + detail);
        }
    }

    /**
     * The cluster answered a live request (any status, a shed too): it is there. One volatile write.
     *
     * @param now nano time
     */
    public void answered(long now) {
        lastAnswer = now;
    }

    /**
     * Result of one live request that reached a verdict about reachability. Called on every answered request: a
     * success costs a volatile read. A live timeout is never reported here: it is slowness, not death.
     *
     * @param ok     whether the cluster answered without a failure status (false: a failure status, a refused or
     *               broken connection)
     * @param detail what went wrong, for the transition reason
     */
    public void passiveResult(boolean ok, String detail) {
        if (ok) {
            if (passiveFailures != 0) {
                passiveFailures = 0;
            }
            return;
        }
        synchronized (this) {
            int failures = ++passiveFailures;
            if (state == HealthState.UP && failures >= settings.passiveThreshold()) {
                long now = nanoClock.getAsLong();
                move(HealthState.FAILING, now, failures + " live requests failed, last: " + detail);
                tick(now);
            }
        }
    }

    /** Applies the time-driven transitions (failover and failback delays). */
    public synchronized void tick() {
        tick(nanoClock.getAsLong());
    }

    private void tick(long now) {
        long elapsed = now - since;
        if (state == HealthState.FAILING && elapsed >= settings.failoverDelay().toNanos()) {
            move(HealthState.DOWN, now, "failing for " + settings.failoverDelay() + ": " + lastReason);
        } else if (state == HealthState.RECOVERING && elapsed >= settings.failbackDelay().toNanos()) {
            passiveFailures = 0;
            move(HealthState.UP, now, "healthy for the failback delay " + settings.failbackDelay());
        }
    }

    private void move(HealthState to, long now, String reason) {
        HealthState from = state;
        state = to;
        since = now;
        lastReason = reason;
        listener.changed(from, to, reason);
    }
}
