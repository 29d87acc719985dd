package io.tandem.offers;

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

/** The offers downstream on its own (port 8302): discounts, with failure knobs; what offer_kill_switch cuts off. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "offers");
        Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "tracing-close"));
        WebServer server = start(config);
        LOG.log(System.Logger.Level.INFO, String.format("Offers up at http://127.0.0.1:%d", server.port()));
    }

    /**
     * Starts the service from config (its {@code server} node; port 0 picks a free one): what tests use to run
     * their own instance without touching the shared one.
     */
    public static WebServer start(Config config) {
        Offers offers = Offers.seed(config.get("offers.products").asInt().orElse(Offers.DEFAULT_PRODUCTS));
        return HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .addFeature(Observe.feature(config, List.of(seeded(offers))))
                .routing(routing -> {
                    TracingFilter.service().register(routing);
                    // Before the knobs: /admin/ takes admin.token.
                    AdminAuth.from(config).register(routing);
                    routing(routing, offers, Api.builder("offers").build());
                })
                .build()
                .start();
    }

    static void routing(HttpRouting.Builder routing, Offers offers, Api api) {
        ErrorHandlers.register(routing);
        new FailureKnobs().register(routing, api);
        routing.register(new OffersService(api, offers));
        DeepHealth deep = new DeepHealth();
        deep.add("offers", () -> offers.size() > 0 ? DeepHealth.Result.up(offers.size() + " offers")
                : DeepHealth.Result.down("no offers"));
        routing.register(deep::register);
        routing.register(rules -> OpenApiDocument.register(rules, "offers", "/openapi"));
    }

    static HealthCheck seeded(Offers offers) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "offers-seed";
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(offers.size() > 0).detail("offers", offers.size()).build();
            }
        };
    }
}
