package io.tandem.order.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test data that cannot clash with anyone's: random users, keys and (in-stock) products. */
final class Orders {
    /** What {@link #product()} leaves holdable: more than any test orders of one product. */
    private static final int STOCK = 100;

    private Orders() {
    }

    static String user() {
        return "it-user-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String key() {
        return "it-key-" + UUID.randomUUID();
    }

    /**
     * A catalog product that is in stock. Every 50th is seeded out of stock; the others are restocked through the
     * stock service's admin API first, since a long-lived environment (benches, overload drills) sells some out.
     */
    static String product() {
        int n;
        do {
            n = 1 + ThreadLocalRandom.current().nextInt(4999);
        } while (n % 50 == 0);
        String product = String.format("P%05d", n);
        HttpResponse<String> set = OrderNode.send(HttpRequest.newBuilder(
                        URI.create(Env.get("stock.url") + "/admin/stock/" + product))
                .header("Authorization", "Bearer " + Env.get("admin.token"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stock\":" + STOCK + "}")).build());
        if (set.statusCode() != 200) {
            throw new AssertionError("restocking " + product + ": " + set.statusCode() + " " + set.body());
        }
        return product;
    }
}
