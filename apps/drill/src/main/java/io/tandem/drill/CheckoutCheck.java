package io.tandem.drill;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import redis.clients.jedis.RedisClient;

/**
 * Checks, from the stores, that every order of a run is the checkout of its cart: its lines are the lines of the
 * checkout cart the cart service stored in its cluster's Redis ({@code cart:checkout:<id>}), and its address belongs
 * to its user (db-a's address table).
 */
final class CheckoutCheck {
    static final String CART_KEY_PREFIX = "cart:checkout:";

    private final Env env;
    private final Databases dbs;

    CheckoutCheck(Env env, Databases dbs) {
        this.env = env;
        this.dbs = dbs;
    }

    /**
     * @param offCart        orders whose lines differ from their cart's, or whose cart is not found
     * @param foreignAddress orders whose address is not their user's (or is in no address table)
     */
    record Result(int offCart, int foreignAddress) {
    }

    Result check(List<OrderRow> rows, List<String> problems) {
        int offCart = 0;
        int foreign = 0;
        try (RedisClient a = RedisClient.create(env.get("redis.a.url"));
             RedisClient b = RedisClient.create(env.get("redis.b.url"))) {
            for (OrderRow row : rows) {
                String cartCluster = row.cartCluster();
                RedisClient redis = cartCluster.equals("b") ? b : a;
                String stored = row.cartId() == null ? null : redis.get(CART_KEY_PREFIX + row.cartId());
                if (stored == null) {
                    offCart++;
                    problems.add("off cart: order " + row.orderNumber() + " names cart " + row.cartId()
                            + ", which is not in Redis " + cartCluster);
                } else if (!cartLines(stored).equals(row.lines())) {
                    offCart++;
                    problems.add("off cart: order " + row.orderNumber() + " has " + row.lines() + ", its cart "
                            + cartLines(stored));
                }
            }
        } catch (RuntimeException e) {
            problems.add("unreachable: Redis, for the carts: " + e.getMessage());
        }
        try {
            Map<String, String> owners = dbs.addressOwners(rows.stream().map(OrderRow::addressId)
                    .filter(Objects::nonNull).distinct().toList());
            for (OrderRow row : rows) {
                if (row.addressId() == null || !row.userId().equals(owners.get(row.addressId()))) {
                    foreign++;
                    problems.add("foreign address: order " + row.orderNumber() + " of " + row.userId() + " goes to "
                            + row.addressId() + " of " + owners.get(row.addressId()));
                }
            }
        } catch (Exception e) {
            problems.add("unreachable: db-a, for the addresses: " + e.getMessage());
        }
        return new Result(offCart, foreign);
    }

    static Map<String, Integer> cartLines(String cartJson) {
        JsonObject cart = Json.createReader(new StringReader(cartJson)).readObject();
        Map<String, Integer> lines = new TreeMap<>();
        cart.getJsonArray("lines").forEach(v -> lines.merge(v.asJsonObject().getString("productId"),
                v.asJsonObject().getInt("quantity"), Integer::sum));
        return lines;
    }
}
