package io.tandem.cart;

import io.tandem.common.checkout.CheckoutCart;
import io.tandem.common.checkout.CheckoutCarts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tandem.common.api.ApiException;
import io.tandem.common.pricing.Line;

/** Unit-test stand-ins for Redis and db-a; the *IT tests run the real ones. */
final class InMemoryStores {
    private InMemoryStores() {
    }

    static final class Checkout implements CheckoutCarts {
        final Map<String, CheckoutCart> carts = new ConcurrentHashMap<>();

        @Override
        public void save(CheckoutCart cart, Duration ttl) {
            carts.put(cart.cartId(), CheckoutCart.fromJson(cart.toJson().toString()));
        }

        @Override
        public Optional<CheckoutCart> find(String cartId) {
            return Optional.ofNullable(carts.get(cartId));
        }
    }

    static final class Atc implements AtcCarts {
        final Map<String, Map<String, Integer>> carts = new ConcurrentHashMap<>();

        @Override
        public synchronized List<Line> lines(String userId) {
            List<Line> lines = new ArrayList<>();
            carts.getOrDefault(userId, Map.of()).forEach((p, q) -> lines.add(new Line(p, q)));
            return lines;
        }

        @Override
        public synchronized int add(String userId, String productId, int quantity, int maxQuantity, int maxLines) {
            Map<String, Integer> cart = carts.computeIfAbsent(userId, u -> new LinkedHashMap<>());
            if (!cart.containsKey(productId) && cart.size() >= maxLines) {
                throw ApiException.refused("CART_FULL", "productId", "full", "remove one");
            }
            int total = cart.getOrDefault(productId, 0) + quantity;
            if (total > maxQuantity) {
                throw ApiException.refused("QUANTITY_LIMIT", "quantity", "too many", "fewer");
            }
            cart.put(productId, total);
            return total;
        }

        @Override
        public synchronized boolean set(String userId, String productId, int quantity) {
            Map<String, Integer> cart = carts.getOrDefault(userId, Map.of());
            if (!cart.containsKey(productId)) {
                return false;
            }
            cart.put(productId, quantity);
            return true;
        }

        @Override
        public synchronized boolean remove(String userId, String productId) {
            return carts.getOrDefault(userId, new LinkedHashMap<>()).remove(productId) != null;
        }
    }
}
