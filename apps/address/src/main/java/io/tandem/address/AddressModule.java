package io.tandem.address;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.Api;
import io.tandem.common.api.RouteTable;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.openapi.OpenApiDocument;
import io.tandem.common.ratelimit.RateLimits;
import io.tandem.common.store.PrimaryRole;
import io.tandem.common.store.Stores;

import redis.clients.jedis.RedisClient;

/** Puts the address service on a routing (cluster JVM and standalone {@link Main}). */
public final class AddressModule {
    private AddressModule() {
    }

    /**
     * @param routing routing to add to
     * @param root    root config ({@code cluster.*}, {@code address.*}, {@code rate-limit}, {@code idempotency})
     * @param stores  needs {@code db.reads} and Redis; {@code db.primary} (A) or {@code db.promoted} (B) for writes
     * @return the routes registered
     */
    public static RouteTable register(HttpRouting.Builder routing, Config root, Stores stores) {
        return register(routing, root, stores, PrimaryRole.fixed(AddressSettings.create(root,
                stores.primaryWrites().isPresent()).writable()));
    }

    /**
     * Same, with the primary role read at run time ({@code primary_cluster}): writes are taken only while it is held.
     *
     * @param role whether this cluster holds the primary role now
     * @return the routes registered
     */
    public static RouteTable register(HttpRouting.Builder routing, Config root, Stores stores, PrimaryRole role) {
        RedisClient redis = stores.redis().orElseThrow(() -> new IllegalStateException(
                "The address service needs this cluster's Redis (config redis.url)"));
        DbClient reads = stores.reads().orElseThrow(() -> new IllegalStateException(
                "The address service needs db.reads"));
        Api api = Api.builder("address")
                .rateLimits(RateLimits.redis(redis, root.get("rate-limit")))
                .idempotency(Idempotency.redis(redis, root.get("idempotency")))
                .build();
        AddressSettings settings = AddressSettings.create(root, stores.primaryWrites().isPresent());
        register(routing, api, new DbAddressStore(reads, stores.primaryWrites().orElse(null)), settings, role);
        return api.routes();
    }

    static void register(HttpRouting.Builder routing, Api api, AddressStore store, AddressSettings settings) {
        register(routing, api, store, settings, PrimaryRole.fixed(settings.writable()));
    }

    static void register(HttpRouting.Builder routing, Api api, AddressStore store, AddressSettings settings,
                         PrimaryRole role) {
        routing.register(new AddressService(api, store, settings, role));
        routing.register(rules -> OpenApiDocument.register(rules, "address"));
    }
}
