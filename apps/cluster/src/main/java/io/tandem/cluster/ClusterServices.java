package io.tandem.cluster;

import java.lang.System.Logger.Level;
import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.health.HealthCheckResponse;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.address.AddressModule;
import io.tandem.cart.CartModule;
import io.tandem.cart.SessionIssuer;
import io.tandem.cluster.replication.ReplicaLagMonitor;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.flag.FlagCheck;
import io.tandem.common.flag.FlagChecks;
import io.tandem.common.lifecycle.Lifecycle;
import io.tandem.common.logging.RequestLogContext;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.observe.PoolMetrics;
import io.tandem.common.pricing.PricingClient;
import io.tandem.common.session.SessionKeys;
import io.tandem.common.store.PrimaryRole;
import io.tandem.common.store.Stores;
import io.tandem.order.OrderModule;
import io.tandem.flags.Flags;

/**
 * The checkout services that run in a cluster JVM, each registered under its own versioned path:
 * cart ({@code /v1/buynow/...}, {@code /v1/carts/...}), address ({@code /v1/addresses/...}), order ({@code /v1/orders/...},
 * with its saga worker and outbox relay; payment is a step of the order saga), their OpenAPI documents
 * ({@code /openapi/cart}, {@code /openapi/address}) and the deep check ({@code /health/deep}).
 */
final class ClusterServices {
    private static final System.Logger LOG = System.getLogger(ClusterServices.class.getName());

    private ClusterServices() {
    }

    static void register(HttpRouting.Builder routing, Config config, Stores stores, Lifecycle lifecycle) {
        routing.get("/v1/cluster", (req, res) -> res.send(
                "{\"cluster\":\"" + config.get("cluster.name").asString().orElse("?") + "\"}"));
        ErrorHandlers.register(routing);
        // The proxy's X-Request-Id on every line logged while a request is served (request_id).
        RequestLogContext.register(routing);
        // Before every service: /admin/ takes admin.token, and X-User-Id is believed only with the proxy's signature.
        AdminAuth.from(config).register(routing);
        Identity.register(routing, config);
        Flags flags = Flags.create(config.get("unleash"));
        lifecycle.onStop("flags", flags::close);
        FlagCheck flagCheck = FlagChecks.of(flags);
        DeepHealth deep = new DeepHealth();
        stores.readinessChecks().forEach(check -> deep.add(check.name(), () -> result(check.call())));
        deep.add("flags", () -> flags.fetchedSinceStart()
                ? DeepHealth.Result.up("state age " + flags.stateAge().toSeconds() + " s")
                : DeepHealth.Result.down("no fetch from Unleash since start (running on backup/flags file)"));
        // One pricing client for cart and order: one set of breakers per dependency in this process.
        PricingClient pricing = new PricingClient(config, flagCheck);
        // One role for cart and address: primary_cluster moves ATC and address writes at run time (region loss).
        PrimaryRole role = PrimaryRole.of(config, flags, stores.primaryWrites().isPresent());
        deep.add("primary-role", () -> DeepHealth.Result.up(role.held() ? "holds the primary role" : "not primary"));
        lifecycle.started("replica-lag", ReplicaLagMonitor.start(config, stores, role));
        CartModule.register(routing, config, stores, pricing, flagCheck, sessions(config, deep), deep, role);
        AddressModule.register(routing, config, stores, role);
        lifecycle.started("orders", OrderModule.register(routing, config, stores, pricing));
        routing.register(deep::register);
        stores.redis().ifPresent(PoolMetrics::redis);
        PoolMetrics.hikari();
    }

    /** Without session.secret the cluster still serves health and reads, but cannot start a checkout (and says so). */
    private static SessionIssuer sessions(Config config, DeepHealth deep) {
        try {
            SessionKeys keys = SessionKeys.create(config.get("session"));
            deep.add("session-keys", () -> DeepHealth.Result.up("ttl " + keys.ttl()));
            return keys::issue;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "Session keys unavailable, checkouts cannot start: " + e.getMessage());
            deep.add("session-keys", () -> DeepHealth.Result.down(e.getMessage()));
            return cluster -> {
                throw ApiException.unavailable("SESSIONS_UNAVAILABLE", "This cluster cannot start checkouts.",
                        "Retry later or through the proxy (another cluster may take it).", Duration.ofSeconds(30));
            };
        }
    }

    private static DeepHealth.Result result(HealthCheckResponse response) {
        boolean up = response.status() == HealthCheckResponse.Status.UP;
        String detail = response.details().toString();
        return up ? DeepHealth.Result.up(detail) : DeepHealth.Result.down(detail);
    }
}
