package io.tandem.proxy.cluster;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;

/** Probes every cluster's readiness path at a fixed interval and feeds the results to its health. */
final class HealthChecker implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(HealthChecker.class.getName());

    private final HealthSettings settings;
    private final ScheduledExecutorService scheduler;

    HealthChecker(HealthSettings settings, List<Cluster> clusters, Http1Client probeClient) {
        this.settings = settings;
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, clusters.size()), Thread.ofVirtual().name("health-check-", 0).factory());
        long interval = settings.interval().toNanos();
        for (Cluster cluster : clusters) {
            scheduler.scheduleWithFixedDelay(() -> check(cluster, probeClient), 0, interval, TimeUnit.NANOSECONDS);
        }
    }

    private void check(Cluster cluster, Http1Client probeClient) {
        try {
            boolean ok;
            String detail;
            try (Http1ClientResponse response = probeClient.get()
                    .uri(cluster.uri().resolve(settings.path()))
                    .readTimeout(settings.timeout())
                    .request()) {
                int status = response.status().code();
                ok = status >= 200 && status < 300;
                detail = "status " + status;
            } catch (RuntimeException e) {
                ok = false;
                detail = ProbeErrors.describe(e);
            }
            cluster.health().activeResult(ok, detail);
            cluster.pool().evictExpired();
        } catch (Throwable t) {
            // A probe must never kill its schedule.
            LOGGER.log(Level.WARNING, "Health check of " + cluster + " failed unexpectedly", t);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
