package io.tandem.common.observe;

import java.util.List;

import io.helidon.common.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * Health and metrics for a standalone service: {@code /observe/health/live}, {@code /observe/health/ready} (the
 * given readiness checks: its stores), {@code /observe/metrics} (Prometheus text).
 */
public final class Observe {
    private Observe() {
    }

    public static ObserveFeature feature(Config config, List<HealthCheck> readiness) {
        return ObserveFeature.builder()
                .config(config.get("server.features.observe"))
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
                        .addChecks(readiness.toArray(HealthCheck[]::new))
                        .build())
                .addObserver(MetricsObserver.create())
                .build();
    }
}
