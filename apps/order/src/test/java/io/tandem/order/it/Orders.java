package io.tandem.order.it;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test data that cannot clash with anyone's: random users, keys and (in-stock) products. */
final class Orders {
    private Orders() {
    }

    static String user() {
        return "it-user-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String key() {
        return "it-key-" + UUID.randomUUID();
    }

    /** A catalog product that is in stock: every 50th is seeded out of stock. */
    static String product() {
        int n;
        do {
            n = 1 + ThreadLocalRandom.current().nextInt(4999);
        } while (n % 50 == 0);
        return String.format("P%05d", n);
    }
}
