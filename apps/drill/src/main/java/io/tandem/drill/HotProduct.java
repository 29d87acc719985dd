package io.tandem.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tandem.common.api.IdentityAssertions;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A hot product: its stock set to {@value #STOCK} through the stock service's admin route, then {@value #ORDERS}
 * orders for one unit each placed at once, half straight to cluster A and half to B, each from its own buy-now
 * cart. Both clusters share one stock, so exactly {@value #STOCK} confirm and the rest fail OUT_OF_STOCK naming the
 * product, with no charge left on a failed one (read from the order databases' payment tables).
 */
final class HotProduct {
    static final String PRODUCT = "P04999";
    static final int STOCK = 50;
    static final int ORDERS = 200;
    static final Duration SETTLE = Duration.ofSeconds(90);
    /** Carts are made ahead, a few at a time (only the orders must come at once). */
    static final int CART_CONCURRENCY = 16;
    static final int ATTEMPTS = 3;
    /** Answers 503 + Retry-After (a cluster shedding the burst) waited out, on top of the attempts. */
    static final int BUSY_RETRIES = 8;
    static final Duration CATALOG_WAIT = Duration.ofSeconds(30);
    /** Above the clusters' own timeouts, so a slow cluster answers before the client gives up. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    final String prefix = "hot-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    final long since = System.currentTimeMillis();
    /** Order numbers the clusters answered 202 for. */
    final List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Env env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private final IdentityAssertions identity;

    HotProduct(Env env) {
        this.env = env;
        this.identity = IdentityAssertions.of(env.get(IdentityAssertions.SECRET_KEY), IdentityAssertions.DEFAULT_TTL);
    }

    /** Runs the scenario; null when it passed, else why not. */
    String run() {
        HttpResponse<String> set = send("PUT", env.get("stock.url") + "/admin/stock/" + PRODUCT,
                "{\"stock\":" + STOCK + "}", Map.of("Authorization", "Bearer " + env.get("admin.token")));
        if (set.statusCode() != 200) {
            return "PUT /admin/stock/" + PRODUCT + " answered " + set.statusCode() + " " + set.body();
        }
        String shown = awaitCatalogStock();
        if (shown != null) {
            return shown;
        }
        SavedAddresses.seed(env, java.util.stream.IntStream.range(0, ORDERS).mapToObj(i -> prefix + i).toList());
        // every cart first (so the catalog's stock, 50, lets each open), then every order at once
        Map<Integer, JsonObject> carts = new ConcurrentHashMap<>();
        List<String> refused = new ArrayList<>();
        parallel(CART_CONCURRENCY, i -> {
            HttpResponse<String> cart = retried(() -> send("POST", cluster(i) + "/v1/buynow/carts", line().toString(),
                    headers(prefix, i, "cart")));
            if (cart != null && cart.statusCode() / 100 == 2) {
                carts.put(i, Shop.parse(cart.body()));
                return;
            }
            synchronized (refused) {
                refused.add(cart == null ? "cart: no answer" : "cart " + cart.statusCode() + " " + cart.body());
            }
        });
        if (!refused.isEmpty()) {
            return refused.size() + " buy-now carts refused, e.g. " + refused.get(0);
        }
        long start = System.nanoTime();
        Map<Integer, Integer> placed = new ConcurrentHashMap<>();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        parallel(ORDERS, i -> {
            JsonObject cart = carts.get(i);
            JsonObject body = Json.createObjectBuilder().add("cartId", cart.getString("cartId"))
                    .add("addressId", SavedAddresses.idOf(prefix + i)).add("cardToken", "tok_visa")
                    .add("expectedTotalCents", cart.getJsonObject("price").getJsonNumber("totalCents").longValue()).build();
            Map<String, String> headers = new java.util.HashMap<>(headers(prefix, i, (i < ORDERS / 2 ? "a" : "b")));
            String key = cart.getString("sessionKey", null);
            if (key != null) {
                headers.put("X-Session-Key", key);
            }
            HttpResponse<String> answer = retried(() -> send("POST", cluster(i) + "/v1/orders", body.toString(), headers));
            placed.put(i, answer == null ? 0 : answer.statusCode());
            if (answer == null || answer.statusCode() != 202) {
                refusals.merge(answer == null ? "no answer" : answer.statusCode() + " "
                        + Shop.parse(answer.body()).getString("code", ""), 1, Integer::sum);
            }
            if (answer != null && answer.statusCode() == 202) {
                accepted.add(Shop.parse(answer.body()).getString("orderNumber"));
            }
        });
        long notAccepted = ORDERS - placed.values().stream().filter(s -> s == 202).count();
        Map<String, String[]> orders = settle(prefix);
        double seconds = (System.nanoTime() - start) / 1e9;
        long confirmed = orders.values().stream().filter(o -> o[0].equals("CONFIRMED")).count();
        List<String[]> failed = orders.values().stream().filter(o -> o[0].equals("FAILED")).toList();
        long namingIt = failed.stream().filter(o -> "OUT_OF_STOCK".equals(o[1]) && o[2] != null && o[2].contains(PRODUCT)).count();
        List<String> charged = chargedFailed(orders, since);
        System.out.printf("  hot-product %s (stock %d, %d orders, half on A, half on B): %d confirmed, %d failed"
                + " (%d OUT_OF_STOCK naming it), %d not accepted, %d failed with a charge left, %.1f s%n",
                PRODUCT, STOCK, ORDERS, confirmed, failed.size(), namingIt, notAccepted, charged.size(), seconds);
        // the product stays sellable for later runs and other scenarios (the drill buys random products)
        send("PUT", env.get("stock.url") + "/admin/stock/" + PRODUCT, "{\"stock\":" + STOCK + "}",
                Map.of("Authorization", "Bearer " + env.get("admin.token")));
        List<String> broken = new ArrayList<>();
        if (notAccepted > 0) {
            broken.add(notAccepted + " orders not accepted (202): " + refusals);
        }
        if (confirmed != STOCK) {
            broken.add(confirmed + " confirmed, not " + STOCK);
        }
        if (failed.size() != ORDERS - STOCK || namingIt != failed.size()) {
            broken.add(failed.size() + " failed, " + namingIt + " of them OUT_OF_STOCK naming " + PRODUCT
                    + " (expected " + (ORDERS - STOCK) + ")");
        }
        if (!charged.isEmpty()) {
            broken.add("failed orders with a charge left: " + charged.stream().limit(3).toList());
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    /** The catalog caches stock (and shows the last value while the stock service is slow): wait until it shows 50. */
    private String awaitCatalogStock() {
        long deadline = System.currentTimeMillis() + CATALOG_WAIT.toMillis();
        String seen = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> product = send("GET", env.get("catalog.url") + "/v1/products/" + PRODUCT, "", Map.of());
                JsonObject json = Shop.parse(product.body());
                seen = json.toString();
                if (json.containsKey("stock") && !json.isNull("stock") && json.getInt("stock") == STOCK) {
                    return null;
                }
            } catch (RuntimeException e) {
                seen = e.getMessage();
            }
            pause(500);
        }
        return "the catalog did not show stock " + STOCK + " of " + PRODUCT + " within " + CATALOG_WAIT.toSeconds() + " s: " + seen;
    }

    private String cluster(int i) {
        return env.get(i < ORDERS / 2 ? "cluster.a.url" : "cluster.b.url");
    }

    private static JsonObject line() {
        return Json.createObjectBuilder().add("productId", PRODUCT).add("quantity", 1).build();
    }

    /** Straight to a cluster: the user in X-User-Id with its assertion, signed as the proxy signs it. */
    private Map<String, String> headers(String prefix, int i, String key) {
        String user = prefix + i;
        return Map.of("X-User-Id", user, IdentityAssertions.HEADER_NAME, identity.sign(user, null),
                "Idempotency-Key", user + "." + key);
    }

    /** Order number -> {status, failure code, failure message}, once all of the run's orders are final. */
    private Map<String, String[]> settle(String prefix) {
        long deadline = System.currentTimeMillis() + SETTLE.toMillis();
        Databases dbs = new Databases(env);
        while (true) {
            Map<String, String[]> orders = new java.util.HashMap<>();
            for (String jdbc : dbs.orderDbs().values()) {
                try (Connection c = dbs.connect(jdbc);
                     PreparedStatement st = c.prepareStatement("SELECT order_number, status, failure_code, failure_message"
                             + " FROM orders WHERE user_id LIKE ?")) {
                    st.setString(1, prefix + "%");
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            orders.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("reading orders: " + e.getMessage(), e);
                }
            }
            boolean done = orders.size() >= ORDERS && orders.values().stream()
                    .allMatch(o -> o[0].equals("CONFIRMED") || o[0].equals("FAILED"));
            if (done || System.currentTimeMillis() > deadline) {
                return orders;
            }
            pause(250);
        }
    }

    /** FAILED orders with more succeeded charges than succeeded refunds. */
    private List<String> chargedFailed(Map<String, String[]> orders, long since) {
        List<String> charged = new ArrayList<>();
        Databases dbs = new Databases(env);
        for (String jdbc : dbs.orderDbs().values()) {
            try (Connection c = dbs.connect(jdbc);
                 PreparedStatement st = c.prepareStatement("SELECT order_number,"
                         + " SUM(kind = 'CHARGE' AND status = 'SUCCEEDED'), SUM(kind = 'REFUND' AND status = 'SUCCEEDED')"
                         + " FROM payment WHERE created_at >= ? GROUP BY order_number")) {
                st.setLong(1, since);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String[] order = orders.get(rs.getString(1));
                        if (order != null && order[0].equals("FAILED") && rs.getInt(2) > rs.getInt(3)) {
                            charged.add(rs.getString(1));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading payments: " + e.getMessage(), e);
            }
        }
        return charged;
    }

    /** Runs {@code each} for 0..ORDERS-1, at most {@code atOnce} at a time; all start together when atOnce = ORDERS. */
    private static void parallel(int atOnce, java.util.function.IntConsumer each) {
        CountDownLatch ready = new CountDownLatch(1);
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(atOnce);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ORDERS; i++) {
                int n = i;
                pool.submit(() -> {
                    ready.await();
                    slots.acquire();
                    try {
                        each.accept(n);
                    } finally {
                        slots.release();
                    }
                    return null;
                });
            }
            ready.countDown();
        }
    }

    /**
     * No answer or a 5xx: sent again with the same Idempotency-Key (the clusters answer a repeat with the first
     * answer), {@value #ATTEMPTS} attempts in all; null when none answered.
     */
    private static HttpResponse<String> retried(java.util.function.Supplier<HttpResponse<String>> call) {
        HttpResponse<String> last = null;
        int busy = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                last = call.get();
                if (last.statusCode() < 500) {
                    return last;
                }
            } catch (RuntimeException e) {
                last = null;
            }
            long retryAfter = last == null ? -1 : Shop.retryAfter(last);
            if (last != null && last.statusCode() == 503 && retryAfter >= 0 && busy++ < BUSY_RETRIES) {
                // 200 orders at once meet the clusters' admission limit: a busy cluster says when to come back, and
                // the jitter spreads the comebacks (that wait is not a failed attempt)
                pause(retryAfter * 1000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000));
                attempt--;
                continue;
            }
            pause(500L * attempt);
        }
        return last;
    }

    private HttpResponse<String> send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(req::header);
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
