package io.tandem.proxy.cluster;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One checkout cluster behind the proxy: where it is (one or more instances, each with its pooled connections), its
 * health, whether ops drained it. A cluster's requests are spread over its instances in rotation; it is down only
 * when its health says so, which the probes judge from the best of its instances.
 */
public final class Cluster {
    private final String name;
    private final List<Instance> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final boolean primary;
    private final ClusterHealth health;
    private final LiveWindow live;
    private final NewSessionWeight weight;
    private final ProbeTimes probeTimes = new ProbeTimes();
    private volatile boolean drained;

    Cluster(String name, List<Instance> instances, boolean primary, boolean drained, ClusterHealth health,
            LiveWindow live, NewSessionWeight weight) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("cluster " + name + " has no instance");
        }
        this.name = name;
        this.instances = List.copyOf(instances);
        this.primary = primary;
        this.drained = drained;
        this.health = health;
        this.live = live;
        this.weight = weight;
    }

    /** Name as it appears in session keys and {@code cluster_routing} variants ({@code a}, {@code b}). */
    public String name() {
        return name;
    }

    /** Base URI of its first instance, e.g. {@code http://127.0.0.1:8101}. */
    public URI uri() {
        return instances.getFirst().uri();
    }

    /** Its instances, in config order. */
    public List<Instance> instances() {
        return instances;
    }

    /**
     * The instance for the next request: the next one in rotation that is up; when none is up, the next one all the
     * same (the cluster's health, not this pick, decides whether the cluster is routed to at all, and a request that
     * fails there feeds it). With one instance, always that one.
     */
    public Instance pick() {
        int size = instances.size();
        if (size == 1) {
            return instances.getFirst();
        }
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Instance candidate = instances.get((start + i) % size);
            if (candidate.up()) {
                return candidate;
            }
        }
        return instances.get(start);
    }

    /** Another instance than {@code failed} that is up: where a request nothing of which was sent may go instead. */
    public java.util.Optional<Instance> another(Instance failed) {
        int size = instances.size();
        if (size == 1) {
            return java.util.Optional.empty();
        }
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Instance candidate = instances.get((start + i) % size);
            if (candidate != failed && candidate.up()) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
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
        return name + "(" + (instances.size() == 1 ? uri().toString() : instances.toString()) + ")";
    }
}
