package io.tandem.proxy.cluster;

import java.util.function.LongSupplier;

/**
 * The health state machine of one cluster, fed by active checks, live requests and the passing of time.
 *
 * <pre>
 * UP --(unhealthy-threshold failed checks, or passive-threshold failed live requests)--> FAILING
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
    private int activeFailures;
    private int activeSuccesses;
    private long since;
    private String lastReason = "start";

    ClusterHealth(HealthSettings settings, LongSupplier nanoClock, Listener listener) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.listener = listener;
        this.since = nanoClock.getAsLong();
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
     * @param ok     whether the check passed
     * @param detail what was seen (status or error), for the transition reason
     */
    public synchronized void activeResult(boolean ok, String detail) {
        long now = nanoClock.getAsLong();
        if (ok) {
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
        } else {
            activeSuccesses = 0;
            activeFailures++;
            if (state == HealthState.RECOVERING) {
                move(HealthState.DOWN, now, "check failed while recovering: " + detail);
            } else if (state == HealthState.UP && activeFailures >= settings.unhealthyThreshold()) {
                move(HealthState.FAILING, now, activeFailures + " checks failed, last: " + detail);
            }
        }
        tick(now);
    }

    /**
     * Result of one live request. Called on every proxied request: a success costs a volatile read.
     *
     * @param ok     whether the cluster answered without a failure status
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
