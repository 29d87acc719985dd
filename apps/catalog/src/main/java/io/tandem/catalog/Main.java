package io.tandem.catalog;

import java.time.Duration;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.logging.Logging;
import io.tandem.common.server.HouseErrorPages;
import io.tandem.common.knobs.FailureKnobs;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.observe.Observe;
import io.tandem.common.openapi.OpenApiDocument;
import io.tandem.common.stock.StockClient;

/** The catalog downstream on its own (port 8301): product prices, stock from the stock service, failure knobs. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "catalog");
        Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "tracing-close"));
        WebServer server = start(config);
        LOG.log(System.Logger.Level.INFO, String.format("Catalog up at http://127.0.0.1:%d", server.port()));
    }

    /**
     * Starts the service from config (its {@code server} node; port 0 picks a free one): what tests use to run
     * their own instance without touching the shared one.
     */
    public static WebServer start(Config config) {
        Catalog catalog = Catalog.seed(config.get("catalog.products").asInt().orElse(Catalog.DEFAULT_PRODUCTS));
        StockClient stockClient = new StockClient(config);
        StockView stock = new StockView(stockClient::levels,
                config.get("catalog.stock-cache-ttl").as(Duration.class).orElse(StockView.DEFAULT_CACHE_TTL),
                System::currentTimeMillis);
        return HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .addFeature(Observe.feature(config, List.of(seeded(catalog))))
                // The stock service is not a readiness check: the catalog answers without it (last known stock).
                .routing(routing -> {
                    TracingFilter.service().register(routing);
                    // Before the knobs: /admin/ takes admin.token.
                    AdminAuth.from(config).register(routing);
                    routing(routing, catalog, stock, Api.builder("catalog").build());
                })
                .build()
                .start();
    }

    static void routing(HttpRouting.Builder routing, Catalog catalog, StockView stock, Api api) {
        ErrorHandlers.register(routing);
        new FailureKnobs().register(routing, api);
        routing.register(new CatalogService(api, catalog, stock));
        DeepHealth deep = new DeepHealth();
        deep.add("catalog", () -> catalog.size() > 0 ? DeepHealth.Result.up(catalog.size() + " products")
                : DeepHealth.Result.down("no products"));
        routing.register(deep::register);
        routing.register(rules -> OpenApiDocument.register(rules, "catalog", "/openapi"));
    }

    static HealthCheck seeded(Catalog catalog) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "catalog-seed";
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(catalog.size() > 0).detail("products", catalog.size()).build();
            }
        };
    }
}
