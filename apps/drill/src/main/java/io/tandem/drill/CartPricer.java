package io.tandem.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Prices new buy-now carts through the proxy as shoppers of a chosen cluster. The proxy sends a user to the cluster
 * the routing flag gives its bucket, so a few users found on each cluster let a test price new carts on A and on B
 * at will (each cluster reads the kill switch from Unleash by itself).
 */
final class CartPricer implements AutoCloseable {
    /** Seeded with an offer in offers (every 2nd product has one, 5-40% off), in stock in the seeded catalog. */
    static final String PRODUCT = "P00002";
    /** Users per cluster, taken in turn: the clusters allow 100 requests a minute a user. */
    static final int SHOPPERS_PER_CLUSTER = 8;
    /** New users tried to find them, this many at once (30% of users start on B by default). */
    static final int MAX_USERS_TRIED = 96;
    static final int TRIED_AT_ONCE = 8;

    /** One new cart's price as the shop saw it. */
    record Price(char cluster, int status, String discountStatus, long discountCents, String detail) {
        boolean discounted() {
            return status == 201 && "APPLIED".equals(discountStatus) && discountCents > 0;
        }

        boolean killSwitched() {
            return status == 201 && "SKIPPED_KILL_SWITCH".equals(discountStatus) && discountCents == 0;
        }

        @Override
        public String toString() {
            return status == 201 ? cluster + ":" + discountStatus + "/" + discountCents + "c" : cluster + ":" + detail;
        }
    }

    private final Shop shop;
    private final String userPrefix;
    private final Map<Character, List<Shop.Caller>> shoppers = new TreeMap<>();
    private final Map<Character, AtomicInteger> turns = new TreeMap<>();
    private final AtomicInteger carts = new AtomicInteger();
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    CartPricer(Env env, String userPrefix) {
        this.shop = new Shop(env.get("proxy.url"), Jwt.of(env));
        this.userPrefix = userPrefix;
    }

    /** Prices carts for new users until each cluster has its shoppers (or the tries run out); returns those prices. */
    List<Price> findShoppers() {
        List<Price> seen = new ArrayList<>();
        for (int n = 0; n < MAX_USERS_TRIED && !enoughShoppers(); n += TRIED_AT_ONCE) {
            List<Shop.Caller> batch = IntStream.range(n, n + TRIED_AT_ONCE).mapToObj(i -> shop.caller(userPrefix + i)).toList();
            List<CompletableFuture<Price>> prices = batch.stream()
                    .map(caller -> CompletableFuture.supplyAsync(() -> price(caller), parallel)).toList();
            for (int i = 0; i < batch.size(); i++) {
                Price price = prices.get(i).join();
                seen.add(price);
                List<Shop.Caller> onCluster = shoppers.computeIfAbsent(price.cluster(), c -> new ArrayList<>());
                if (price.status() == 201 && onCluster.size() < SHOPPERS_PER_CLUSTER) {
                    onCluster.add(batch.get(i));
                }
            }
        }
        shoppers.values().removeIf(List::isEmpty);
        shoppers.keySet().forEach(c -> turns.put(c, new AtomicInteger()));
        return seen;
    }

    /** The clusters that have shoppers, in order. */
    List<Character> clusterList() {
        return List.copyOf(shoppers.keySet());
    }

    /** A new cart on the cluster, by its next shopper, priced on a virtual thread. */
    CompletableFuture<Price> priceAsync(char cluster) {
        List<Shop.Caller> users = shoppers.get(cluster);
        Shop.Caller caller = users.get(turns.get(cluster).getAndIncrement() % users.size());
        return CompletableFuture.supplyAsync(() -> price(caller), parallel);
    }

    private boolean enoughShoppers() {
        return shoppers.getOrDefault('a', List.of()).size() >= SHOPPERS_PER_CLUSTER
                && shoppers.getOrDefault('b', List.of()).size() >= SHOPPERS_PER_CLUSTER;
    }

    private Price price(Shop.Caller caller) {
        JsonObject line = Json.createObjectBuilder().add("productId", PRODUCT).add("quantity", 1).build();
        Shop.Answer cart = caller.call("POST", "/v1/buynow/carts", line, null,
                caller.userId() + ".cart" + carts.incrementAndGet());
        String key = cart.body().getString("sessionKey", cart.sessionKeyHeader());
        char cluster = key != null && key.length() > 1 ? key.charAt(0) : '?';
        JsonObject price = cart.body().getJsonObject("price");
        if (!cart.ok() || price == null) {
            return new Price(cluster, cart.status(), null, -1, cart.status() + " " + cart.detail());
        }
        long discount = price.containsKey("discountCents") ? price.getJsonNumber("discountCents").longValue() : -1;
        return new Price(cluster, cart.status(), price.getString("discountStatus", "?"), discount, null);
    }

    @Override
    public void close() {
        parallel.close();
    }
}
