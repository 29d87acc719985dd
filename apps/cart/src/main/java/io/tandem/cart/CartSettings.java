package io.tandem.cart;

import java.time.Duration;

import io.helidon.common.config.Config;

/**
 * The cart's numbers, from config {@code cart.*}, plus which cluster this is ({@code cluster.name},
 * {@code cluster.primary}).
 *
 * @param cluster          this cluster's name, written into session keys
 * @param primary          ATC carts live here (cluster A)
 * @param checkoutTtl      how long a buy-now / checkout cart lives in Redis ({@code cart.buy-now.ttl})
 * @param maxQuantity      units of one product in a cart ({@code cart.max-quantity})
 * @param maxLines         distinct products in an ATC cart ({@code cart.max-lines})
 */
record CartSettings(String cluster, boolean primary, Duration checkoutTtl, int maxQuantity, int maxLines) {
    static final Duration DEFAULT_CHECKOUT_TTL = Duration.ofMinutes(30);
    static final int DEFAULT_MAX_QUANTITY = 99;
    static final int DEFAULT_MAX_LINES = 50;
    /** Retry-After on ATC_DISABLED: ops switch it back by hand, so a client should not hammer. */
    static final Duration ATC_DISABLED_RETRY_AFTER = Duration.ofSeconds(60);

    static CartSettings create(Config root) {
        Config cart = root.get("cart");
        return new CartSettings(
                root.get("cluster.name").asString().orElse("a"),
                root.get("cluster.primary").asBoolean().orElse(true),
                cart.get("buy-now.ttl").as(Duration.class).orElse(DEFAULT_CHECKOUT_TTL),
                cart.get("max-quantity").asInt().orElse(DEFAULT_MAX_QUANTITY),
                cart.get("max-lines").asInt().orElse(DEFAULT_MAX_LINES));
    }
}
