package io.tandem.cart;

import java.util.List;
import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.store.PrimaryRole;
import io.tandem.common.api.ApiHandler;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.flag.FlagCheck;
import io.tandem.flags.TandemFlags;
import io.tandem.common.pricing.Line;
import io.tandem.common.pricing.PricedCart;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Add-to-cart, on cluster A only (db-a):
 * <pre>
 * GET    /v1/carts/me                       the user's cart, priced
 * POST   /v1/carts/me/items                 {"productId":"P00001","quantity":2}: add (adds up with what is there)
 * PUT    /v1/carts/me/items/{productId}     {"quantity":3}: change
 * DELETE /v1/carts/me/items/{productId}     remove
 * POST   /v1/carts/me/checkout              snapshot to a checkout cart in Redis + session key naming this cluster
 * </pre>
 * {@code atc_disabled} on: 503 ATC_DISABLED with a buy-now hint. A cluster that does not hold the primary role
 * ({@code primary_cluster}; B normally): 421 ATC_NOT_ON_THIS_CLUSTER, nothing read or written.
 */
final class AtcService implements HttpService {
    private static final Set<String> ADD_FIELDS = Set.of("productId", "quantity");
    private static final Set<String> SET_FIELDS = Set.of("quantity");

    private final Api api;
    private final Carts carts;
    private final AtcCarts atc;
    private final FlagCheck flags;
    private final PrimaryRole role;

    /**
     * @param atc  the ATC store, or null on a cluster without db.primary or db.promoted
     * @param role whether this cluster holds the primary role now ({@code primary_cluster})
     */
    AtcService(Api api, Carts carts, AtcCarts atc, FlagCheck flags, PrimaryRole role) {
        this.api = api;
        this.carts = carts;
        this.atc = atc;
        this.flags = flags;
        this.role = role;
    }

    @Override
    public void routing(HttpRules rules) {
        api.get(rules, "/v1/carts/me", guarded(this::view));
        api.post(rules, "/v1/carts/me/items", guarded(this::add));
        api.put(rules, "/v1/carts/me/items/{productId}", guarded(this::change));
        api.delete(rules, "/v1/carts/me/items/{productId}", guarded(this::remove));
        api.post(rules, "/v1/carts/me/checkout", guarded(this::checkout));
    }

    /** The switch and the cluster come before anything else: a refused call reads and writes nothing. */
    private ApiHandler guarded(ApiHandler handler) {
        return req -> {
            String user = req.user();
            if (flags.isOn(TandemFlags.ATC_DISABLED, user)) {
                throw ApiException.unavailable("ATC_DISABLED", "Add-to-cart is switched off for now.",
                        "Use buy-now instead: POST /v1/buynow/carts {\"productId\":...,\"quantity\":...}.",
                        CartSettings.ATC_DISABLED_RETRY_AFTER);
            }
            if (atc == null || !role.held()) {
                throw new ApiException(ApiException.MISDIRECTED, "ATC_NOT_ON_THIS_CLUSTER",
                        "Add-to-cart carts live on the primary cluster; this is cluster " + carts.settings().cluster() + ".",
                        "Call through the proxy, which sends ATC to the primary cluster; or use buy-now here.");
            }
            return handler.handle(req);
        };
    }

    private Reply view(ApiRequest req) {
        return Reply.ok(cart(req.user()));
    }

    private Reply add(ApiRequest req) {
        String user = req.user();
        JsonObject body = req.json();
        Fields.onlyKnown(body, ADD_FIELDS);
        String productId = carts.productId(body);
        int quantity = carts.quantity(body);
        carts.inStock(productId, quantity);
        atc.add(user, productId, quantity, carts.settings().maxQuantity(), carts.settings().maxLines());
        return Reply.ok(cart(user));
    }

    private Reply change(ApiRequest req) {
        String user = req.user();
        String productId = req.path("productId", 32, Carts.PRODUCT_ID);
        JsonObject body = req.json();
        Fields.onlyKnown(body, SET_FIELDS);
        int quantity = carts.quantity(body);
        if (!atc.set(user, productId, quantity)) {
            throw notInCart(productId);
        }
        return Reply.ok(cart(user));
    }

    private Reply remove(ApiRequest req) {
        String user = req.user();
        String productId = req.path("productId", 32, Carts.PRODUCT_ID);
        if (!atc.remove(user, productId)) {
            throw notInCart(productId);
        }
        return Reply.ok(cart(user));
    }

    private Reply checkout(ApiRequest req) {
        String user = req.user();
        List<Line> lines = atc.lines(user);
        if (lines.isEmpty()) {
            throw ApiException.refused("CART_EMPTY", null, "The cart is empty.", "Add a product first.");
        }
        PricedCart price = carts.price(lines, user);
        if (!price.allInStock()) {
            throw ApiException.refused("OUT_OF_STOCK", "quantity", "Some products are not in stock in that quantity.",
                    "Change the quantities (see lines[].inStock) and check out again.");
        }
        return carts.startCheckout("ATC", user, lines, price);
    }

    private JsonObject cart(String user) {
        List<Line> lines = atc.lines(user);
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder().add("userId", user).add("cluster", carts.settings().cluster());
        if (lines.isEmpty()) {
            return json.add("lines", Jsons.JSON.createArrayBuilder()).build();
        }
        PricedCart price = carts.price(lines, user);
        return json.add("lines", price.toJson().getJsonArray("lines")).add("price", price.toJson()).build();
    }

    private static ApiException notInCart(String productId) {
        return ApiException.notFound("ITEM_NOT_IN_CART", "productId: " + productId + " is not in the cart.");
    }
}
