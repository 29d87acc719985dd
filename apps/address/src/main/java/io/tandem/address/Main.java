package io.tandem.address;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Identity;
import io.tandem.common.logging.Logging;
import io.tandem.common.logging.RequestLogContext;
import io.tandem.common.server.HouseErrorPages;
import io.tandem.common.server.StandaloneConfig;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.observe.Observe;
import io.tandem.common.store.Stores;

/**
 * The address service on its own (default port 8312); locally the cluster JVM runs it. Config: {@code address.yaml}
 * on the classpath over the shared {@code checkout-defaults.yaml}, overridden by system properties and environment
 * variables ({@link StandaloneConfig}).
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = StandaloneConfig.load("address.yaml");
        Logging.configure(config);
        Lifecycle lifecycle = Lifecycle.withShutdownHook("address-stop");
        lifecycle.started("tracing", Tracing.install(config, "address-" + config.get("cluster.name").asString().orElse("a")));
        Stores stores = lifecycle.started("stores", Stores.create(config));
        DeepHealth deep = new DeepHealth();
        stores.readinessChecks().forEach(check -> deep.add(check.name(),
                () -> check.call().status() == io.helidon.health.HealthCheckResponse.Status.UP
                        ? DeepHealth.Result.up("ok") : DeepHealth.Result.down(check.call().details().toString())));
        WebServer server = HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .shutdownHook(false)
                .addFeature(Observe.feature(config, stores.readinessChecks()))
                .routing(routing -> {
                    TracingFilter.service().register(routing);
                    ErrorHandlers.register(routing);
                    RequestLogContext.register(routing);
                    AdminAuth.from(config).register(routing);
                    Identity.register(routing, config);
                    AddressModule.register(routing, config, stores);
                    routing.register(deep::register);
                })
                .build()
                .start();
        lifecycle.onStop("web-server", server::stop);
        LOG.log(System.Logger.Level.INFO, String.format("Address (cluster %s) up at http://127.0.0.1:%d",
                config.get("cluster.name").asString().orElse("?"), server.port()));
    }
}
