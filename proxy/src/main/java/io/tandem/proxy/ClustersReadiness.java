package io.tandem.proxy;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Clusters;

/** The proxy is ready while at least one cluster can take requests; details give each cluster's state. */
final class ClustersReadiness implements HealthCheck {
    private final Clusters clusters;

    ClustersReadiness(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public String name() {
        return "clusters";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder builder = HealthCheckResponse.builder();
        boolean any = false;
        for (Cluster cluster : clusters.all()) {
            any |= cluster.health().state().routable();
            int weight = cluster.weight().weight();
            builder.detail(cluster.name(), cluster.health().state() + (cluster.drained() ? " (drained)" : "")
                    + (weight < 100 ? " (weight " + weight + ")" : ""));
        }
        return builder.status(any).build();
    }
}
