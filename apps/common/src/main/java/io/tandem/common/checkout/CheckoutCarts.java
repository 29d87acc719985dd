package io.tandem.common.checkout;

import io.tandem.common.trace.Traces;
import java.time.Duration;
import java.util.Optional;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** Checkout carts in this cluster's Redis, with a TTL: a session's cart lives minutes, on one cluster. */
public interface CheckoutCarts {
    void save(CheckoutCart cart, Duration ttl);

    Optional<CheckoutCart> find(String cartId);

    static CheckoutCarts redis(RedisClient redis) {
        return new CheckoutCarts() {
            @Override
            public void save(CheckoutCart cart, Duration ttl) {
                Traces.client("redis", "SET checkout-cart", () -> redis.set(CheckoutCart.KEY_PREFIX + cart.cartId(),
                        cart.toJson().toString(), SetParams.setParams().px(ttl.toMillis())));
            }

            @Override
            public Optional<CheckoutCart> find(String cartId) {
                return Optional.ofNullable(Traces.client("redis", "GET checkout-cart",
                        () -> redis.get(CheckoutCart.KEY_PREFIX + cartId))).map(CheckoutCart::fromJson);
            }
        };
    }
}
