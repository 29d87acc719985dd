package io.tandem.proxy.cluster;

/** Where a cluster stands for routing. */
public enum HealthState {
    /** Healthy: takes sessions. */
    UP(true),
    /** Checks fail, but the failover delay has not run out: still routed. */
    FAILING(true),
    /** Out of routing (when auto_failover is on). */
    DOWN(false),
    /** Checks pass again; waits out the failback delay before taking traffic. */
    RECOVERING(false);

    private final boolean routable;

    HealthState(boolean routable) {
        this.routable = routable;
    }

    /** Whether requests may go to a cluster in this state. */
    public boolean routable() {
        return routable;
    }
}
