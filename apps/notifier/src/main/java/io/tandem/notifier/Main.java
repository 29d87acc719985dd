package io.tandem.notifier;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.logging.Logging;
import io.tandem.common.store.Stores;
import io.tandem.common.server.HouseErrorPages;

import io.tandem.common.api.Jsons;


/**
 * The notifier on its own (port 8304 by default): consumes {@code order.confirmed}, stores one notification
 * per order in {@code db.notifications} (db-a), serves {@code GET /v1/notifications/{orderNumber}}, health and
 * metrics.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        io.helidon.config.Config config = io.helidon.config.Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "notifier");
        // db.notifications, else db.orders (the key envs/local passes, pointing at db-a)
        DbClient db = Stores.database(config.get("db.notifications.connection.url").exists()
                ? config.get("db.notifications") : config.get("db.orders"));
        Lifecycle lifecycle = Lifecycle.withShutdownHook("notifier-stop");
        lifecycle.onStop("tracing", tracing); // first registered, last stopped
        WebServer server = HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .shutdownHook(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true).addCheck(readiness(db)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> {
                    TracingFilter.service().register(routing);
                    ErrorHandlers.register(routing);
                    AdminAuth.from(config).register(routing);
                    lifecycle.started("consumer", register(routing, config, db));
                })
                .build()
                .start();
        lifecycle.onStop("web-server", server::stop);
        LOG.log(System.Logger.Level.INFO, String.format("Notifier up at http://127.0.0.1:%d", server.port()));
    }

    /** Ready while the notification store answers. */
    static io.helidon.health.HealthCheck readiness(DbClient db) {
        return new io.helidon.health.HealthCheck() {
            @Override
            public String name() {
                return "db-notifications";
            }

            @Override
            public io.helidon.health.HealthCheckType type() {
                return io.helidon.health.HealthCheckType.READINESS;
            }

            @Override
            public io.helidon.health.HealthCheckResponse call() {
                try {
                    db.execute().query("SELECT 1").toList();
                    return io.helidon.health.HealthCheckResponse.builder().status(true).build();
                } catch (RuntimeException e) {
                    return io.helidon.health.HealthCheckResponse.builder().status(false)
                            .detail("error", e.getClass().getSimpleName()).build();
                }
            }
        };
    }

    /**
     * Adds {@code /v1/notifications} and starts consuming. Kafka from {@code notifier.bootstrap-servers},
     * else {@code kafka.bootstrap}.
     *
     * @param routing routing to add to
     * @param config  root config ({@code notifier.*}, {@code kafka.bootstrap})
     * @param db      where notifications are stored (shared by both clusters' consumers: db-a)
     * @return the running consumer, to close on shutdown
     */
    public static OrderConfirmedConsumer register(HttpRouting.Builder routing, Config config, DbClient db) {
        Notifications notifications = new Notifications(db);
        String bootstrap = config.get("notifier.bootstrap-servers").asString().asOptional()
                .or(() -> config.get("kafka.bootstrap").asString().asOptional()).orElse("127.0.0.1:19092");
        String name = "notifier-" + config.get("cluster.name").asString().orElse("x") + "-" + ProcessHandle.current().pid();
        OrderConfirmedConsumer consumer = new OrderConfirmedConsumer(config.get("notifier"), bootstrap, notifications, name);
        routing.get("/v1/notifications/{orderNumber}", (req, res) -> {
            String order = req.path().pathParameters().get("orderNumber");
            if (order.length() > 20) {
                throw ApiException.badField("orderNumber", "at most 20 characters");
            }
            var row = notifications.find(order).orElseThrow(() -> new ApiException(io.helidon.http.Status.NOT_FOUND_404,
                    "NOTIFICATION_NOT_FOUND", "no notification for " + order, "it comes shortly after CONFIRMED"));
            res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Jsons.JSON.createObjectBuilder().add("orderNumber", order)
                    .add("userId", row.column("user_id").getString()).add("body", row.column("body").getString())
                    .add("consumer", row.column("consumer").getString())
                    .add("createdAt", row.column("created_at").getLong()).build().toString());
        });
        consumer.start();
        return consumer;
    }
}
