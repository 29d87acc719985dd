package io.tandem.order.it;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.common.checkout.CheckoutCart;
import io.tandem.common.checkout.CheckoutCarts;
import io.tandem.common.pricing.DiscountStatus;
import io.tandem.common.pricing.Line;
import io.tandem.common.pricing.PricedCart;
import io.tandem.common.pricing.PricingClient;

import redis.clients.jedis.RedisClient;

/**
 * What a shopper has before placing an order, made for a test order node: a checkout cart in the node's Redis
 * (the record the cart service writes, {@link CheckoutCart}) and an address of the user in the node's database,
 * and the place-order body for them at the total the real catalog and offers give now.
 */
final class Checkouts {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Checkouts> BY_CLUSTER = new ConcurrentHashMap<>();

    private final String cluster;
    private final String jdbc;
    private final CheckoutCarts carts;
    private final PricingClient pricing;

    private Checkouts(String cluster, String jdbc) {
        this.cluster = cluster;
        this.jdbc = jdbc;
        this.carts = CheckoutCarts.redis(RedisClient.create(redisUrl(cluster)));
        this.pricing = new PricingClient(Config.just(ConfigSources.create(Map.of(
                "catalog.url", Env.get("catalog.url"), "offers.url", Env.get("offers.url"),
                "ft.offers.timeout", OrderNode.OFFERS_TIMEOUT))), (flag, user) -> false);
    }

    /** Test clusters c and d keep carts where A and B do: c in Redis A, d in Redis B. */
    static String redisUrl(String cluster) {
        return Env.get(cluster.equals("d") || cluster.equals("b") ? "redis.b.url" : "redis.a.url");
    }

    /** The fixture of a test cluster whose orders live in {@code jdbc} (db-a for c, db-b for d). */
    static Checkouts of(String cluster, String jdbc) {
        return BY_CLUSTER.computeIfAbsent(cluster, c -> new Checkouts(c, jdbc));
    }

    /** A buy-now cart of one unit of each product; returns its id. */
    String cart(String user, String... products) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String cartId = cluster + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = System.currentTimeMillis();
        List<Line> lines = Arrays.stream(products).map(p -> new Line(p, 1)).toList();
        carts.save(new CheckoutCart(cartId, "BUY_NOW", user, cluster, "it", lines, now, now + 900_000),
                Duration.ofMinutes(15));
        return cartId;
    }

    /** An address of the user; returns its id. */
    String address(String user) {
        String id = "it-ad-" + Long.toHexString(RANDOM.nextLong());
        long now = System.currentTimeMillis();
        Db.update(jdbc, "INSERT INTO address (address_id, user_id, label, recipient, line1, line2, city, region,"
                + " postcode, country, phone, created_at, updated_at) VALUES (?, ?, NULL, 'IT Shopper', 'Teststrasse 1',"
                + " NULL, 'Berlin', NULL, '10115', 'DE', '+4930123456', ?, ?)", id, user, now, now);
        return id;
    }

    /**
     * The cart's total now, as the cart service shows it when offers answers (a shared, busy machine can time offers
     * out: asked again then, since the order nodes give offers more time, see {@link OrderNode#config}).
     */
    long total(String user, String... products) {
        List<Line> lines = Arrays.stream(products).map(p -> new Line(p, 1)).toList();
        PricedCart priced = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                priced = pricing.price(lines, user);
            } catch (RuntimeException e) {
                return 0; // an unknown product: the order fails at pricing whatever total was accepted
            }
            if (priced.discountStatus() == DiscountStatus.APPLIED) {
                break;
            }
        }
        return priced.totalCents();
    }

    /** What a shopper has when placing: a cart of theirs, an address of theirs, and the cart's total now. */
    record Shopper(String user, String cartId, String addressId, long total) {
        String body(String card) {
            return body(card, total);
        }

        String body(String card, long expectedTotalCents) {
            return Checkouts.body(cartId, addressId, card, expectedTotalCents);
        }
    }

    /** A new cart of one unit of each product and a new address, both the user's. */
    Shopper shopper(String user, String... products) {
        return new Shopper(user, cart(user, products), address(user), total(user, products));
    }

    /** A cart and an address of the user, and the body that orders them at today's total. */
    String body(String user, String card, String... products) {
        return shopper(user, products).body(card);
    }

    static String body(String cartId, String addressId, String card, long expectedTotalCents) {
        return "{\"cartId\":\"" + cartId + "\",\"addressId\":\"" + addressId + "\",\"cardToken\":\"" + card
                + "\",\"expectedTotalCents\":" + expectedTotalCents + "}";
    }
}
