package io.tandem.stock;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.store.Stores;
import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.logging.Logging;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.observe.Observe;
import io.tandem.common.openapi.OpenApiDocument;
import io.tandem.common.pricing.SeedProducts;

/** The stock service on its own (port 8305): one stock for both clusters, in its own database (db-stock). */
public final class Main {
    public static final Duration DEFAULT_HOLD_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_SWEEP_BATCH = 200;
    public static final Duration DEFAULT_SEED_RETRY = Duration.ofSeconds(2);
    public static final int DEFAULT_TX_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "stock");
        Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "tracing-close"));
        WebServer server = start(config);
        LOG.log(System.Logger.Level.INFO, String.format("Stock up at http://127.0.0.1:%d", server.port()));
    }

    /** Starts the service from config (port 0 picks a free one): tests run their own instance this way. */
    public static WebServer start(Config config) {
        Lifecycle lifecycle = Lifecycle.withShutdownHook("stock-stop");
        Config stock = config.get("stock");
        DbClient db = Stores.database(config.get("db.stock"));
        StockStore store = new StockStore(new Tx(db, stock.get("tx-attempts").asInt().orElse(DEFAULT_TX_ATTEMPTS)),
                stock.get("hold-ttl").as(Duration.class).orElse(DEFAULT_HOLD_TTL), System::currentTimeMillis);
        StockMetrics metrics = new StockMetrics();
        AtomicBoolean seeded = seedInBackground(store, stock.get("products").asInt().orElse(SeedProducts.DEFAULT_COUNT),
                stock.get("seed-retry").as(Duration.class).orElse(DEFAULT_SEED_RETRY));
        lifecycle.started("sweeper", new Sweeper(store, metrics, stock.get("sweep-batch").asInt().orElse(DEFAULT_SWEEP_BATCH))
                .start(stock.get("sweep-interval").as(Duration.class).orElse(DEFAULT_SWEEP_INTERVAL)));
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .shutdownHook(false)
                .addFeature(Observe.feature(config, List.of(ready(store, seeded))))
                .routing(routing -> routing(routing, store, metrics, Api.builder("stock").build(), AdminAuth.from(config)))
                .build()
                .start();
        lifecycle.onStop("web-server", server::stop);
        return server;
    }

    static void routing(HttpRouting.Builder routing, StockStore store, StockMetrics metrics, Api api, AdminAuth admin) {
        TracingFilter.service().register(routing);
        ErrorHandlers.register(routing);
        admin.register(routing);
        routing.register(new StockService(api, store, metrics));
        DeepHealth deep = new DeepHealth();
        deep.add("db-stock", () -> {
            try {
                return DeepHealth.Result.up(store.products() + " products");
            } catch (RuntimeException e) {
                return DeepHealth.Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
        routing.register(deep::register);
        routing.register(rules -> OpenApiDocument.register(rules, "stock", "/openapi"));
    }

    /** Inserts the seed's missing products; the database may still be starting: retried until it answers. */
    private static AtomicBoolean seedInBackground(StockStore store, int products, Duration retry) {
        AtomicBoolean seeded = new AtomicBoolean();
        Thread.ofVirtual().name("stock-seed").start(() -> {
            while (!seeded.get()) {
                try {
                    int added = store.seed(SeedProducts.generate(products));
                    LOG.log(Level.INFO, "stock seeded: " + added + " products added, the others were there");
                    seeded.set(true);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "seeding failed, retrying in " + retry + ": " + e.getMessage());
                    try {
                        Thread.sleep(retry);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
        return seeded;
    }

    /** Ready when the seed is in and db-stock answers a real query now. */
    static HealthCheck ready(StockStore store, AtomicBoolean seeded) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "db-stock";
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                try {
                    long products = store.products();
                    return HealthCheckResponse.builder().status(seeded.get() && products > 0)
                            .detail("products", products).detail("seeded", seeded.get()).build();
                } catch (RuntimeException e) {
                    return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage())).build();
                }
            }
        };
    }
}
