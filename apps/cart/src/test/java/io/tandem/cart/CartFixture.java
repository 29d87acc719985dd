package io.tandem.cart;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.api.RouteTable;
import io.tandem.common.flag.FlagCheck;
import io.tandem.flags.BooleanFlag;
import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.idempotency.InMemoryIdempotencyStore;
import io.tandem.common.pricing.PricingClient;

/** A cart service wired to real catalog/offers servers, in-memory stores, and flags a test can flip. */
final class CartFixture {
    final Set<BooleanFlag> flagsOn = ConcurrentHashMap.newKeySet();
    final InMemoryStores.Checkout checkout = new InMemoryStores.Checkout();
    final InMemoryStores.Atc atc = new InMemoryStores.Atc();
    final RouteTable routes = new RouteTable();
    PricingClient pricing;

    /** ft numbers small enough for a test to open a breaker and see it close again. */
    void register(HttpRouting.Builder routing, String cluster, boolean primary) {
        Map<String, String> config = new HashMap<>();
        config.put("cluster.name", cluster);
        config.put("cluster.primary", Boolean.toString(primary));
        config.put("catalog.url", TestDownstreams.catalogUrl());
        config.put("offers.url", TestDownstreams.offersUrl());
        config.put("ft.catalog.timeout", "PT1S");
        config.put("ft.catalog.breaker.volume", "4");
        config.put("ft.catalog.breaker.delay", "PT1S");
        // generous: a loaded build machine must not turn a healthy offers call into a skipped discount
        config.put("ft.offers.timeout", "PT2S");
        config.put("ft.offers.breaker.volume", "20");
        config.put("ft.offers.breaker.delay", "PT1S");
        Config root = Config.just(ConfigSources.create(config));
        FlagCheck flags = (flag, user) -> flagsOn.contains(flag);
        pricing = new PricingClient(root, flags);
        Api api = Api.builder("cart").routeTable(routes)
                .idempotency(new Idempotency(new InMemoryIdempotencyStore(), true)).build();
        ErrorHandlers.register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        CartModule.register(routing, api, CartSettings.create(root), pricing, checkout, atc, flags,
                c -> c + ".4102444800.AAAAAAAAAAAAAAAAAAAAAA." + "m".repeat(43));
    }

    static Http1ClientResponse send(Http1Client client, String method, String path, String user, String body) {
        Http1ClientRequest request = client.method(io.helidon.http.Method.create(method)).uri(path);
        if (user != null) {
            request.header(Identity.USER_ID, user);
            request.header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
        }
        if (!method.equals("GET")) {
            request.header(HeaderNames.create("Idempotency-Key"), java.util.UUID.randomUUID().toString());
        }
        if (body == null) {
            return request.request();
        }
        return request.header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
    }
}
