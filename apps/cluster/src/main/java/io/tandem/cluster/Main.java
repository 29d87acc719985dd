package io.tandem.cluster;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.cluster.admission.Admission;
import io.tandem.cluster.health.CachedReadiness;
import io.tandem.cluster.replication.SemiSyncMonitor;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.logging.Logging;
import io.tandem.common.server.HouseErrorPages;
import io.tandem.common.store.Stores;

/**
 * One checkout cluster (A or B) in one JVM: every checkout service of the cluster, its health and metrics.
 * Which cluster it is, and which stores it uses, comes from config only ({@code cluster.name}, {@code db.*}).
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Config.global(config);
        // One shutdown hook stops everything in reverse start order: the server first, then the services' workers
        // and flags, then the monitors, the pools last (three hooks used to run at once, closing pools under them).
        Lifecycle lifecycle = Lifecycle.withShutdownHook("cluster-stop");
        // first registered, last stopped: the spans of the last requests and saga steps still go out
        lifecycle.started("tracing", Tracing.install(config, "cluster-" + config.get("cluster.name").asString().orElse("a")));
        Stores stores = lifecycle.started("stores", Stores.create(config));
        lifecycle.started("semi-sync", SemiSyncMonitor.start(config, stores));
        WebServer server = server(config, stores, lifecycle).start();
        lifecycle.onStop("web-server", server::stop);
        LOG.log(System.Logger.Level.INFO, String.format("Cluster %s up at http://127.0.0.1:%d",
                config.get("cluster.name").asString().orElse("?"), server.port()));
    }

    static WebServer server(Config config, Stores stores, Lifecycle lifecycle) {
        WebServerConfig.Builder builder = HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                // stopped by the lifecycle, before the services and pools it serves from (not by a hook of its own)
                .shutdownHook(false)
                .addFeature(observe(config, stores));
        return builder.routing(routing -> routing(routing, config, stores, lifecycle)).build();
    }

    static ObserveFeature observe(Config config, Stores stores) {
        return ObserveFeature.builder()
                .config(config.get("server.features.observe"))
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
                        // answered from the last background check: a cold or busy cluster is not taken for dead
                        .addChecks(CachedReadiness.wrap(stores.readinessChecks(), config.get("readiness"))
                                .toArray(io.helidon.health.HealthCheck[]::new))
                        .build())
                .addObserver(MetricsObserver.create())
                .build();
    }

    /**
     * The cluster's routes: every service of the cluster under its versioned path.
     *
     * @param routing routing to add to
     * @param config  root config
     * @param stores  this cluster's stores
     * @param lifecycle where the services register what they start
     */
    static void routing(HttpRouting.Builder routing, Config config, Stores stores, Lifecycle lifecycle) {
        // A server span per request, around everything else (a refusal by admission is in the trace too).
        TracingFilter.service().register(routing);
        // Then: a request the cluster has no room for is refused before any other filter or store call.
        Admission.create(config).register(routing);
        ClusterServices.register(routing, config, stores, lifecycle);
    }
}
