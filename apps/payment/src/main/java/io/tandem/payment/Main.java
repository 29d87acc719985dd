package io.tandem.payment;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import io.tandem.common.logging.Logging;
import io.tandem.common.logging.RequestLogContext;
import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.store.Stores;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.server.HouseErrorPages;

/**
 * The payment service on its own ({@code java -cp tandem-payment.jar:libs/* io.tandem.payment.Main}, port
 * {@code payment.server.port}); in a cluster JVM it is registered through {@link #register}.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "payment");
        Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "tracing-close"));
        Stores stores = Stores.create(config);
        WebServer server = HouseErrorPages.apply(WebServer.builder()
                .config(config.get("payment.server")))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true)
                                .addChecks(stores.readinessChecks().toArray(io.helidon.health.HealthCheck[]::new)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routing(routing, config, stores))
                .build()
                .start();
        LOG.log(System.Logger.Level.INFO, String.format("Payment service up at http://127.0.0.1:%d", server.port()));
    }

    public static void routing(HttpRouting.Builder routing, Config config, Stores stores) {
        TracingFilter.service().register(routing);
        ErrorHandlers.register(routing);
        RequestLogContext.register(routing);
        AdminAuth.from(config).register(routing);
        register(routing, config, stores);
    }

    /**
     * Adds {@code /v1/payments} to a routing; the cluster JVM calls this from {@code ClusterServices}.
     *
     * @return the payments, for the order service of the same JVM
     */
    public static Payments register(HttpRouting.Builder routing, Config config, Stores stores) {
        Payments payments = Payments.fromRoot(config,
                stores.orders().orElseThrow(() -> new IllegalStateException("payment needs db.orders")));
        routing.register("/v1/payments", new PaymentService(payments));
        return payments;
    }
}
