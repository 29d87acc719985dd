package io.tandem.cart;

import io.tandem.common.checkout.CheckoutCart;

import java.util.List;
import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.pricing.Line;
import io.tandem.common.pricing.PricedCart;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;

/**
 * Buy-now, on either cluster (95% of checkouts):
 * <pre>
 * POST /v1/buynow/carts            {"productId":"P00001","quantity":1} -> 201 cart, price, sessionKey (also X-Session-Key)
 * GET  /v1/buynow/carts/{cartId}   the cart, priced now (404 CART_NOT_FOUND when expired or not the caller's)
 * </pre>
 */
final class BuyNowService implements HttpService {
    private static final Set<String> FIELDS = Set.of("productId", "quantity");

    private final Api api;
    private final Carts carts;

    BuyNowService(Api api, Carts carts) {
        this.api = api;
        this.carts = carts;
    }

    @Override
    public void routing(HttpRules rules) {
        api.post(rules, "/v1/buynow/carts", this::create);
        api.get(rules, "/v1/buynow/carts/{cartId}", this::view);
    }

    private Reply create(ApiRequest req) {
        String user = req.user();
        JsonObject body = req.json();
        Fields.onlyKnown(body, FIELDS);
        String productId = carts.productId(body);
        int quantity = carts.quantity(body);
        List<Line> lines = List.of(new Line(productId, quantity));
        PricedCart price = carts.price(lines, user);
        if (!price.allInStock()) {
            throw ApiException.refused("OUT_OF_STOCK", "quantity", "quantity: not enough of " + productId + " in stock.",
                    "Buy fewer, or pick another product.");
        }
        return carts.startCheckout("BUY_NOW", user, lines, price);
    }

    private Reply view(ApiRequest req) {
        String user = req.user();
        String cartId = req.path("cartId", 40, Carts.CART_ID);
        CheckoutCart cart = carts.checkoutCarts().find(cartId)
                .filter(c -> c.userId().equals(user))
                .orElseThrow(() -> ApiException.notFound("CART_NOT_FOUND", "cartId: no cart " + cartId
                        + " for this user (carts expire after " + carts.settings().checkoutTtl().toMinutes() + " min)."));
        PricedCart price = carts.price(cart.lines(), user);
        return Reply.ok(Jsons.JSON.createObjectBuilder(cart.toJson()).add("price", price.toJson()).build());
    }
}
