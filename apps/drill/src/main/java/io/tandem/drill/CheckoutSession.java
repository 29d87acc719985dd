package io.tandem.drill;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One shopper's checkout through the proxy: buy-now (most), add-to-cart, address reads and writes; the order is
 * placed from the session's cart, to the shopper's saved address (or the one the session added), at the cart's total,
 * with an Idempotency-Key that names the session's cluster ({@code <user>.<cluster>}) and polled to its end. An
 * order that ends PRICE_CHANGED is placed again at the new total ({@code <user>.r1.<cluster>}), as a shopper would.
 */
final class CheckoutSession {
    /** Products that the seeded catalog has in stock (every 50th has none). */
    static final int PRODUCTS = 4999;
    static final long POLL_INTERVAL_MS = 250;
    static final int PLACE_ATTEMPTS = 3;
    /** How many times a shopper accepts a new total and places the cart again (PRICE_CHANGED). */
    static final int PRICE_CHANGES_ACCEPTED = 2;
    /** How many products a shopper tries when the ones picked are sold out. */
    static final int PRODUCT_PICKS = 3;
    static final String PRICE_CHANGED = "PRICE_CHANGED";

    private final Shop.Caller caller;
    private final Recorder recorder;
    private final String phase;
    private final String kind;
    private final long pollTimeoutMs;
    private final long start = System.currentTimeMillis();
    private char cluster = '?';
    private String sessionKey;
    private int writes;
    private String lastFailure;
    private long lastTotal = -1;
    /** Whether this session made a cart (buy-now or ATC): a refusal after that abandons it. */
    private boolean cartMade;
    /** The last call's shedding refusal (503 CLUSTER_BUSY... after the retries), or null. */
    private Shop.Answer shedAnswer;
    private String shedStep;
    private boolean shedFirst;
    private final BusyRetry busy = BusyRetry.standard();

    CheckoutSession(Shop.Caller caller, Recorder recorder, String kind, long pollTimeoutMs) {
        this.caller = caller;
        this.recorder = recorder;
        this.phase = recorder.phase();
        this.kind = kind;
        this.pollTimeoutMs = pollTimeoutMs;
    }

    /** The mix: 80% buy-now, 8% buy-now after an address read, 7% add-to-cart, 5% address write then buy-now. */
    static String pickKind(double r) {
        if (r < 0.80) {
            return "bn";
        }
        if (r < 0.88) {
            return "bn+address-read";
        }
        return r < 0.95 ? "atc" : "address-write+bn";
    }

    void run() {
        try {
            recorder.session(runSteps());
        } catch (RuntimeException e) {
            recorder.session(end(null, null, "CLIENT_ERROR " + e));
        }
    }

    private Recorder.SessionEnd runSteps() {
        String addressId = SavedAddresses.idOf(caller.userId());
        if (kind.equals("address-write+bn")) {
            Shop.Answer added = step("address", "POST", "/v1/addresses", address(), null);
            if (!added.ok()) {
                return end(null, null, "address " + added.detail());
            }
            addressId = added.body().getString("addressId", addressId);
        }
        // Stock is real and shared: a product sold out by earlier shoppers is refused (OUT_OF_STOCK), and the shopper
        // picks another, as the refusal's hint says.
        Shop.Answer cart = null;
        for (int pick = 1; pick <= PRODUCT_PICKS; pick++) {
            String productId = String.format("P%05d", product());
            JsonObject line = Json.createObjectBuilder().add("productId", productId).add("quantity", 1).build();
            if (kind.equals("atc")) {
                Shop.Answer added = step("atc", "POST", "/v1/carts/me/items", line, null);
                if (soldOut(added) && pick < PRODUCT_PICKS) {
                    continue;
                }
                if (!added.ok()) {
                    return end(null, null, expectedRefusal(added) ? null : "atc " + added.detail());
                }
                cart = step("atc", "POST", "/v1/carts/me/checkout", Json.createObjectBuilder().build(), null);
            } else {
                cart = step("cart", "POST", "/v1/buynow/carts", line, null);
            }
            if (!soldOut(cart)) {
                break;
            }
        }
        if (!cart.ok()) {
            return end(null, null, "cart " + cart.detail());
        }
        JsonObject price = cart.body().getJsonObject("price");
        recorder.note("cart " + (price == null ? "unpriced" : price.getString("discountStatus", "?")));
        sessionKey = cart.body().getString("sessionKey", cart.sessionKeyHeader());
        cluster = sessionKey != null && sessionKey.length() > 1 ? sessionKey.charAt(0) : '?';
        if (kind.equals("bn+address-read")) {
            Shop.Answer read = step("address", "GET", "/v1/addresses", null, sessionKey);
            if (!read.ok()) {
                return end(null, null, "address-read " + read.detail());
            }
        }
        String cartId = cart.body().getString("cartId");
        long total = price == null ? 0 : price.getJsonNumber("totalCents").longValue();
        Recorder.SessionEnd ended = null;
        // A good client: an order that ends PRICE_CHANGED shows the shopper the new total, who places the cart again.
        for (int round = 0; round <= PRICE_CHANGES_ACCEPTED; round++) {
            JsonObject order = Json.createObjectBuilder().add("cartId", cartId).add("addressId", addressId)
                    .add("cardToken", "tok_visa").add("expectedTotalCents", total).build();
            String idempotencyKey = caller.userId() + (round == 0 ? "" : ".r" + round) + "." + cluster;
            Shop.Answer placed = null;
            for (int attempt = 1; attempt <= PLACE_ATTEMPTS; attempt++) {
                placed = step("place", "POST", "/v1/orders", order, sessionKey, idempotencyKey);
                if (placed.status() == 202 || (placed.status() > 0 && placed.status() < 500) || "CHECKOUT_RESTART_REQUIRED".equals(placed.code())) {
                    break;
                }
                sleep(200L * attempt);
            }
            if (placed.status() != 202) {
                return end(null, null, "place " + placed.detail());
            }
            String number = placed.body().getString("orderNumber");
            ended = poll(number);
            if (!PRICE_CHANGED.equals(lastFailure) || lastTotal < 0) {
                return ended;
            }
            recorder.note("price changed " + total + " -> " + lastTotal);
            total = lastTotal;
        }
        return ended;
    }

    private Recorder.SessionEnd poll(String number) {
        long placedAt = System.nanoTime();
        long deadline = System.currentTimeMillis() + pollTimeoutMs;
        String status = "CREATED";
        while (System.currentTimeMillis() < deadline) {
            sleep(POLL_INTERVAL_MS);
            Shop.Answer seen = step("poll", "GET", "/v1/orders/" + number, null, sessionKey);
            if (seen.ok()) {
                status = seen.body().getString("status", status);
                if (status.equals("CONFIRMED") || status.equals("FAILED")) {
                    JsonObject failure = seen.body().getJsonObject("failure");
                    lastFailure = failure == null ? null : failure.getString("code", null);
                    lastTotal = seen.body().containsKey("totalCents") ? seen.body().getJsonNumber("totalCents").longValue() : -1;
                    recorder.sample(phase, "order", cluster, 200, (System.nanoTime() - placedAt) / 1000);
                    return end(number, status, null);
                }
            } else if ("CHECKOUT_RESTART_REQUIRED".equals(seen.code())) {
                return end(number, status, "poll " + seen.code());
            }
        }
        return end(number, status, "poll timeout");
    }

    private static boolean soldOut(Shop.Answer answer) {
        return "OUT_OF_STOCK".equals(answer.code());
    }

    private boolean expectedRefusal(Shop.Answer answer) {
        return "ATC_DISABLED".equals(answer.code());
    }

    /** Every write carries an Idempotency-Key (the clusters require one); reads none. */
    private Shop.Answer step(String step, String method, String path, JsonObject body, String key) {
        return step(step, method, path, body, key, method.equals("GET") ? null : caller.userId() + "." + (++writes));
    }

    private Shop.Answer step(String step, String method, String path, JsonObject body, String key, String idem) {
        // A good client: "busy, retry after" is sent again after that wait (with jitter), a bounded number of times.
        Shop.Answer answer = busy.call(() -> {
            Shop.Answer one = caller.call(method, path, body, key, idem);
            recorder.sample(phase, step, cluster(step), one.status(), one.micros());
            if (BusyRetry.shed(one)) {
                recorder.note("shed " + step);
            }
            return one;
        });
        if ("CHECKOUT_RESTART_REQUIRED".equals(answer.code())) {
            recorder.note("restart " + step);
        }
        if (BusyRetry.shed(answer)) {
            shedAnswer = answer;
            shedStep = step;
            shedFirst = !cartMade;
        } else {
            shedAnswer = null;
        }
        cartMade |= answer.ok() && (step.equals("cart") || step.equals("atc"));
        return answer;
    }

    /** The cluster a request went to: the session's; ATC and address writes always go to A. */
    private char cluster(String step) {
        if (step.equals("atc") || (step.equals("address") && sessionKey == null)) {
            return 'a';
        }
        return cluster;
    }

    private Recorder.SessionEnd end(String number, String status, String failure) {
        if (failure != null && shedAnswer != null) {
            // shed, and still refused after the retries: a refusal, counted apart from failures
            recorder.refusal(new Recorder.Refusal(phase, caller.userId(), shedStep, shedAnswer.code(), shedFirst,
                    System.currentTimeMillis()));
            failure = null;
        }
        return new Recorder.SessionEnd(phase, kind, cluster, caller.userId(), number, status, failure, start);
    }

    private static int product() {
        int p;
        do {
            p = 1 + ThreadLocalRandom.current().nextInt(PRODUCTS);
        } while (p % 50 == 0);
        return p;
    }

    private static JsonObject address() {
        return Json.createObjectBuilder().add("recipient", "Drill Shopper").add("line1", "Teststrasse 1")
                .add("city", "Berlin").add("postcode", "10115").add("country", "DE").add("phone", "+4930123456").build();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
