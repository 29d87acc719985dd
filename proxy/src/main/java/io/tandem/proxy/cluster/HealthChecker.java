package io.tandem.proxy.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;

import io.tandem.common.api.StoreCheckTimes;

/**
 * Probes every cluster's readiness path at a fixed interval and feeds the results to its health (a cluster of several
 * instances: all of them, the best one's result for the cluster, each one in or out of rotation by its own); judges
 * the clusters' live figures at the outlier interval and moves their new-session weights.
 */
final class HealthChecker implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(HealthChecker.class.getName());

    private final HealthSettings settings;
    private final List<Cluster> clusters;
    private final OutlierDetector detector;
    private final ScheduledExecutorService scheduler;

    HealthChecker(HealthSettings settings, OutlierSettings outlier, List<Cluster> clusters, Http1Client probeClient) {
        this.settings = settings;
        this.clusters = clusters;
        this.detector = new OutlierDetector(outlier);
        this.scheduler = Executors.newScheduledThreadPool(clusters.size() + 1,
                Thread.ofVirtual().name("health-check-", 0).factory());
        long interval = settings.interval().toNanos();
        for (Cluster cluster : clusters) {
            scheduler.scheduleWithFixedDelay(() -> check(cluster, probeClient), 0, interval, TimeUnit.NANOSECONDS);
        }
        long judge = outlier.interval().toNanos();
        scheduler.scheduleAtFixedRate(this::judge, judge, judge, TimeUnit.NANOSECONDS);
    }

    private void check(Cluster cluster, Http1Client probeClient) {
        try {
            List<Instance> instances = cluster.instances();
            Probe probe;
            if (instances.size() == 1) {
                probe = probe(instances.getFirst(), probeClient);
            } else {
                // Every instance at once (a probe may wait up to the unresponsive delay): the cluster is as good as its
                // best instance, so it is down only when every one is.
                List<java.util.concurrent.Future<Probe>> probes = new ArrayList<>(instances.size());
                try (var each = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (Instance instance : instances) {
                        probes.add(each.submit(() -> rotate(instance, probe(instance, probeClient))));
                    }
                }
                probe = best(instances, probes);
            }
            if (probe.outcome() != ProbeOutcome.UNREACHABLE) {
                cluster.probeTimes().record(probe.millis());
            }
            cluster.health().activeResult(probe.outcome(), probe.detail());
            instances.forEach(i -> i.pool().evictExpired());
        } catch (Throwable t) {
            // A probe must never kill its schedule.
            LOGGER.log(Level.WARNING, "Health check of " + cluster + " failed unexpectedly", t);
        }
    }

    /** What one probe of one instance found; {@code millis}: the longer of its answer and its slowest store check. */
    private record Probe(ProbeOutcome outcome, String detail, long millis) {
    }

    private Probe probe(Instance instance, Http1Client probeClient) {
        ProbeOutcome outcome;
        String detail;
        long storeMillis = -1;
        long start = System.nanoTime();
        // Waits past the probe timeout, up to the unresponsive delay: a late answer still proves the cluster alive.
        try (Http1ClientResponse response = probeClient.get()
                .uri(instance.uri().resolve(settings.path()))
                .readTimeout(settings.answerWait())
                .request()) {
            int status = response.status().code();
            // The cluster answers from its last store checks and says how long they took: a slow store shows
            // here even when the answer itself is quick (io.tandem.common.api.StoreCheckTimes).
            storeMillis = StoreCheckTimes.slowestMillis(response.entity().as(String.class));
            boolean late = System.nanoTime() - start > settings.timeout().toNanos();
            outcome = status < 200 || status >= 300 ? ProbeOutcome.NOT_READY
                    : late ? ProbeOutcome.SLOW : ProbeOutcome.READY;
            detail = "status " + status + (late ? " after " + (System.nanoTime() - start) / 1_000_000 + " ms" : "");
        } catch (RuntimeException e) {
            outcome = ProbeErrors.timeout(e) ? ProbeOutcome.UNRESPONSIVE : ProbeOutcome.UNREACHABLE;
            detail = ProbeErrors.describe(e);
        }
        return new Probe(outcome, detail, Math.max(storeMillis, (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * Puts an instance of a cluster of several in or out of rotation by its probe (a lone instance is its cluster: its
     * health alone decides).
     */
    private static Probe rotate(Instance instance, Probe probe) {
        switch (probe.outcome()) {
            case READY, SLOW -> instance.ready();
            case NOT_READY, UNREACHABLE -> instance.down("probe: " + probe.detail());
            default -> {
                // no answer yet: busy or hung; the cluster's health judges that over time
            }
        }
        return probe;
    }

    /** The best instance's probe stands for the cluster; the detail names the others that were not ready. */
    private static Probe best(List<Instance> instances, List<java.util.concurrent.Future<Probe>> probes) {
        Probe best = null;
        StringBuilder others = new StringBuilder();
        for (int i = 0; i < probes.size(); i++) {
            Probe p;
            try {
                p = probes.get(i).get();
            } catch (Exception e) {
                p = new Probe(ProbeOutcome.UNREACHABLE, ProbeErrors.describe(e), 0);
            }
            if (best == null || RANK.indexOf(p.outcome()) < RANK.indexOf(best.outcome())) {
                best = p;
            }
            if (p.outcome() != ProbeOutcome.READY) {
                others.append(others.isEmpty() ? "" : ", ").append(instances.get(i).uri().getPort()).append(": ")
                        .append(p.detail());
            }
        }
        return others.isEmpty() ? best : new Probe(best.outcome(), best.detail() + " (not ready: " + others + ")",
                best.millis());
    }

    /**
     * Best first: ready, late but alive, no answer yet (counts for nothing until the unresponsive delay), answered not
     * ready, not there.
     */
    private static final List<ProbeOutcome> RANK = List.of(ProbeOutcome.READY, ProbeOutcome.SLOW,
            ProbeOutcome.UNRESPONSIVE, ProbeOutcome.NOT_READY, ProbeOutcome.UNREACHABLE);

    private void judge() {
        try {
            List<OutlierDetector.Candidate> candidates = new ArrayList<>(clusters.size());
            for (Cluster c : clusters) {
                candidates.add(new OutlierDetector.Candidate(c.name(), eligible(c), c.live().snapshot(),
                        c.probeTimes().medianMillis()));
            }
            Map<String, OutlierDetector.Verdict> verdicts = detector.judge(candidates);
            long now = System.nanoTime();
            for (Cluster c : clusters) {
                // A cluster that takes no new session (down, recovering, drained) holds its weight: it ramps again
                // once it is back (ClusterHealth's listener restarts the ramp after a recovery).
                if (eligible(c)) {
                    c.weight().judged(verdicts.get(c.name()), mayEject(c, verdicts), now);
                }
            }
        } catch (Throwable t) {
            LOGGER.log(Level.WARNING, "Outlier detection failed unexpectedly", t);
        }
    }

    /** Another cluster is healthy and takes new sessions: only then may this one's share go down. */
    private boolean mayEject(Cluster self, Map<String, OutlierDetector.Verdict> verdicts) {
        for (Cluster other : clusters) {
            if (other != self && eligible(other) && other.weight().weight() > 0
                    && !verdicts.get(other.name()).outlier()) {
                return true;
            }
        }
        return false;
    }

    private static boolean eligible(Cluster c) {
        return c.health().state().routable() && !c.drained();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
