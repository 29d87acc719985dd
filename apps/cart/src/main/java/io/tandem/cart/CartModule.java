package io.tandem.cart;

import io.tandem.common.checkout.CheckoutCarts;

import java.util.Optional;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.Api;
import io.tandem.common.api.RouteTable;
import io.tandem.common.flag.FlagCheck;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.openapi.OpenApiDocument;
import io.tandem.common.pricing.PricingClient;
import io.tandem.common.ratelimit.RateLimits;
import io.tandem.common.store.PrimaryRole;
import io.tandem.common.store.Stores;

import redis.clients.jedis.RedisClient;

/**
 * Puts the cart service on a routing: the cluster JVM and the standalone {@link Main} both call
 * {@link #register}. Needs this cluster's Redis; uses {@code db.primary} for ATC when present.
 */
public final class CartModule {
    private CartModule() {
    }

    /**
     * Registers buy-now, ATC, the OpenAPI document ({@code /openapi/cart}) and the cart's deep checks.
     *
     * @param routing  routing to add to
     * @param root     root config ({@code cluster.*}, {@code cart.*}, {@code ft.*}, {@code catalog.url}, ...)
     * @param stores   this cluster's stores
     * @param flags    flag reads ({@code atc_disabled}, {@code offer_kill_switch})
     * @param sessions session key issuer
     * @param deep     the process's deep health check
     * @return the routes registered (for the OpenAPI contract test)
     */
    public static RouteTable register(HttpRouting.Builder routing, Config root, Stores stores, FlagCheck flags,
                                      SessionIssuer sessions, DeepHealth deep) {
        return register(routing, root, stores, new PricingClient(root, flags), flags, sessions, deep);
    }

    /** Same, with the process's pricing client (shared with the order service in a cluster JVM). */
    public static RouteTable register(HttpRouting.Builder routing, Config root, Stores stores, PricingClient pricing,
                                      FlagCheck flags, SessionIssuer sessions, DeepHealth deep) {
        return register(routing, root, stores, pricing, flags, sessions, deep,
                PrimaryRole.fixed(CartSettings.create(root).primary() && stores.primaryWrites().isPresent()));
    }

    /** Same, with the primary role read at run time ({@code primary_cluster}): ATC is taken only while it is held. */
    public static RouteTable register(HttpRouting.Builder routing, Config root, Stores stores, PricingClient pricing,
                                      FlagCheck flags, SessionIssuer sessions, DeepHealth deep, PrimaryRole role) {
        RedisClient redis = stores.redis().orElseThrow(() -> new IllegalStateException(
                "The cart service needs this cluster's Redis (config redis.url)"));
        Api api = Api.builder("cart")
                .rateLimits(RateLimits.redis(redis, root.get("rate-limit")))
                .idempotency(Idempotency.redis(redis, root.get("idempotency")))
                .build();
        Optional<DbClient> primary = stores.primaryWrites();
        register(routing, api, CartSettings.create(root), pricing, CheckoutCarts.redis(redis),
                primary.map(DbAtcCarts::new).orElse(null), flags, sessions, role);
        deep.add("cart-catalog", pricing::catalogProbe);
        deep.add("cart-offers", pricing::offersProbe);
        return api.routes();
    }

    static void register(HttpRouting.Builder routing, Api api, CartSettings settings, PricingClient pricing,
                         CheckoutCarts checkoutCarts, AtcCarts atc, FlagCheck flags, SessionIssuer sessions) {
        register(routing, api, settings, pricing, checkoutCarts, atc, flags, sessions,
                PrimaryRole.fixed(settings.primary()));
    }

    static void register(HttpRouting.Builder routing, Api api, CartSettings settings, PricingClient pricing,
                         CheckoutCarts checkoutCarts, AtcCarts atc, FlagCheck flags, SessionIssuer sessions,
                         PrimaryRole role) {
        Carts carts = new Carts(settings, pricing, checkoutCarts, sessions);
        routing.register(new BuyNowService(api, carts));
        routing.register(new AtcService(api, carts, atc, flags, role));
        routing.register(rules -> OpenApiDocument.register(rules, "cart"));
    }
}
