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
 * Probes every cluster's readiness path at a fixed interval and feeds the results to its health; judges the
 * clusters' live figures at the outlier interval and moves their new-session weights.
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
            ProbeOutcome outcome;
            String detail;
            long storeMillis = -1;
            long start = System.nanoTime();
            // Waits past the probe timeout, up to the unresponsive delay: a late answer still proves the cluster alive.
            try (Http1ClientResponse response = probeClient.get()
                    .uri(cluster.uri().resolve(settings.path()))
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
            if (outcome != ProbeOutcome.UNREACHABLE) {
                cluster.probeTimes().record(Math.max(storeMillis, (System.nanoTime() - start) / 1_000_000));
            }
            cluster.health().activeResult(outcome, detail);
            cluster.pool().evictExpired();
        } catch (Throwable t) {
            // A probe must never kill its schedule.
            LOGGER.log(Level.WARNING, "Health check of " + cluster + " failed unexpectedly", t);
        }
    }

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
