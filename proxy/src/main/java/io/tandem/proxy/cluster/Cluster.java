package io.tandem.proxy.cluster;

import java.net.URI;

import io.tandem.proxy.upstream.UpstreamPool;

/**
 * One checkout cluster behind the proxy: where it is, its health, whether ops drained it, and the pooled client
 * that talks to it.
 */
public final class Cluster {
    private final String name;
    private final URI uri;
    private final boolean primary;
    private final ClusterHealth health;
    private final UpstreamPool pool;
    private final LiveWindow live;
    private final NewSessionWeight weight;
    private final ProbeTimes probeTimes = new ProbeTimes();
    private volatile boolean drained;

    Cluster(String name, URI uri, boolean primary, boolean drained, ClusterHealth health, UpstreamPool pool,
            LiveWindow live, NewSessionWeight weight) {
        this.name = name;
        this.uri = uri;
        this.primary = primary;
        this.drained = drained;
        this.health = health;
        this.pool = pool;
        this.live = live;
        this.weight = weight;
    }

    /** Name as it appears in session keys and {@code cluster_routing} variants ({@code a}, {@code b}). */
    public String name() {
        return name;
    }

    /** Base URI, e.g. {@code http://127.0.0.1:8101}. */
    public URI uri() {
        return uri;
    }

    /** Whether ATC and address writes go here. */
    public boolean primary() {
        return primary;
    }

    public ClusterHealth health() {
        return health;
    }

    /** What its live requests did lately: the outlier detection's and the new-session throttle's input. */
    public LiveWindow live() {
        return live;
    }

    /** Its share of new sessions, moved by the outlier detection. */
    public NewSessionWeight weight() {
        return weight;
    }

    /** How long its readiness probes took lately. */
    public ProbeTimes probeTimes() {
        return probeTimes;
    }

    /** Keep-alive connections to this cluster. */
    public UpstreamPool pool() {
        return pool;
    }

    /** Drained: takes no new sessions; sessions already on it carry on. */
    public boolean drained() {
        return drained;
    }

    public void drained(boolean drained) {
        this.drained = drained;
    }

    /**
     * Whether health lets requests go here.
     *
     * @param autoFailover the {@code auto_failover} flag: when off, health never takes a cluster out
     * @return true if requests may be sent
     */
    public boolean up(boolean autoFailover) {
        return !autoFailover || health.state().routable();
    }

    @Override
    public String toString() {
        return name + "(" + uri + ")";
    }
}
