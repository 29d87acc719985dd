package io.tandem.cart;

import io.tandem.common.checkout.CheckoutCart;
import io.tandem.common.checkout.CheckoutCarts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.pricing.Line;
import io.tandem.common.pricing.PricedCart;
import io.tandem.common.pricing.PricingClient;
import io.tandem.common.pricing.Product;
import io.tandem.common.pricing.UnknownProductException;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;

/** What buy-now and ATC share: ids, validation of a product and quantity against the catalog, checkout start. */
final class Carts {
    static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    static final Pattern CART_ID = Pattern.compile("[a-z0-9]{1,16}-[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CartSettings settings;
    private final PricingClient pricing;
    private final CheckoutCarts checkoutCarts;
    private final SessionIssuer sessions;
    private final SessionMetrics sessionMetrics;

    Carts(CartSettings settings, PricingClient pricing, CheckoutCarts checkoutCarts, SessionIssuer sessions) {
        this.settings = settings;
        this.pricing = pricing;
        this.checkoutCarts = checkoutCarts;
        this.sessions = sessions;
        this.sessionMetrics = new SessionMetrics(settings.cluster());
    }

    CartSettings settings() {
        return settings;
    }

    CheckoutCarts checkoutCarts() {
        return checkoutCarts;
    }

    String productId(JsonObject body) {
        return Fields.string(body, "productId", 1, 32, PRODUCT_ID, "a product id ([A-Za-z0-9_-])");
    }

    int quantity(JsonObject body) {
        return Fields.integer(body, "quantity", 1, settings.maxQuantity());
    }

    /** Prices the lines for the user: 422 UNKNOWN_PRODUCT naming an id the catalog does not know, 503 without catalog. */
    PricedCart price(List<Line> lines, String userId) {
        try {
            return pricing.price(lines, userId);
        } catch (UnknownProductException e) {
            throw unknownProduct(e);
        }
    }

    /** The product must exist and have the units in stock: 422 UNKNOWN_PRODUCT / OUT_OF_STOCK, 503 without catalog. */
    Product inStock(String productId, int quantity) {
        Product product;
        try {
            product = pricing.products(List.of(productId)).get(productId);
        } catch (UnknownProductException e) {
            throw unknownProduct(e);
        }
        if (product.stock() < quantity) {
            throw ApiException.refused("OUT_OF_STOCK", "quantity", "quantity: only " + product.stock() + " of "
                    + productId + " in stock.", "Buy fewer, or pick another product.");
        }
        return product;
    }

    private static ApiException unknownProduct(UnknownProductException e) {
        return ApiException.refused("UNKNOWN_PRODUCT", "productId", e.getMessage(),
                "Pick a product from the catalog (GET /v1/products).");
    }

    /**
     * Puts the lines in Redis as a checkout cart and issues the session key that names this cluster: a checkout
     * session starts here (counted, and its cart's {@code createdAt} is when time to checkout starts).
     */
    Reply startCheckout(String kind, String userId, List<Line> lines, PricedCart price) {
        String cartId = settings.cluster() + "-" + random();
        String sessionKey = sessions.issue(settings.cluster());
        long now = System.currentTimeMillis();
        CheckoutCart cart = new CheckoutCart(cartId, kind, userId, settings.cluster(), SessionIssuer.idOf(sessionKey),
                lines, now, now + settings.checkoutTtl().toMillis());
        checkoutCarts.save(cart, settings.checkoutTtl());
        sessionMetrics.started(kind);  // stored: the session exists (a failed save started none)
        JsonObject body = Jsons.JSON.createObjectBuilder(cart.toJson())
                .add("sessionKey", sessionKey)
                .add("price", price.toJson())
                .build();
        return Reply.created(body)
                .withHeader("X-Session-Key", sessionKey)
                .withHeader("Location", "/v1/buynow/carts/" + cartId);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
