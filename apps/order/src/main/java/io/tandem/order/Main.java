package io.tandem.order;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.logging.Logging;
import io.tandem.common.logging.RequestLogContext;
import io.tandem.common.store.Stores;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Identity;
import io.tandem.common.server.HouseErrorPages;

/**
 * The order service on its own (one cluster's orders; {@code cluster.name} and {@code db.orders} say which).
 * In the cluster JVM, {@code ClusterServices} calls {@link OrderModule#register} instead.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        // one hook, stopping in reverse: the server, then the saga worker and relay, then the pools they use
        Lifecycle lifecycle = Lifecycle.withShutdownHook("order-stop");
        lifecycle.started("tracing", Tracing.install(config, "order-" + config.get("cluster.name").asString().orElse("a")));
        Stores stores = lifecycle.started("stores", Stores.create(config));
        WebServer server = HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .shutdownHook(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true)
                                .addChecks(stores.readinessChecks().toArray(io.helidon.health.HealthCheck[]::new)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> lifecycle.started("orders", routing(routing, config, stores)))
                .build()
                .start();
        lifecycle.onStop("web-server", server::stop);
        LOG.log(System.Logger.Level.INFO, String.format("Order service of cluster %s up at http://127.0.0.1:%d",
                config.get("cluster.name").asString().orElse("a"), server.port()));
    }

    /** The order service's routes with the house error handlers; answers the running module. */
    public static OrderModule routing(HttpRouting.Builder routing, Config config, Stores stores) {
        TracingFilter.service().register(routing);
        ErrorHandlers.register(routing);
        RequestLogContext.register(routing);
        AdminAuth.from(config).register(routing);
        Identity.register(routing, config);
        return OrderModule.register(routing, config, stores);
    }
}
