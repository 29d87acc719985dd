package io.tandem.offers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.tandem.common.pricing.Offer;

/**
 * The discounts, from a fixed seed: every 2nd catalog product ({@code P00002}, {@code P00004}, ...) has one offer
 * {@code O<product number>} of 5% to 40% off; every 20th has a second, smaller one (the best one wins in pricing).
 */
final class Offers {
    static final int DEFAULT_PRODUCTS = 5000;

    private final Map<String, Offer> byId = new LinkedHashMap<>();
    private final Map<String, List<Offer>> byProduct = new HashMap<>();

    static Offers seed(int products) {
        Offers offers = new Offers();
        Random random = new Random(7);
        for (int i = 2; i <= products; i += 2) {
            String product = String.format("P%05d", i);
            offers.add(new Offer(String.format("O%05d", i), product, 5 + random.nextInt(36)));
            if (i % 20 == 0) {
                offers.add(new Offer(String.format("O%05dB", i), product, 1 + random.nextInt(5)));
            }
        }
        return offers;
    }

    private void add(Offer offer) {
        byId.put(offer.offerId(), offer);
        byProduct.computeIfAbsent(offer.productId(), p -> new ArrayList<>()).add(offer);
    }

    Optional<Offer> find(String offerId) {
        return Optional.ofNullable(byId.get(offerId));
    }

    List<Offer> forProduct(String productId) {
        return byProduct.getOrDefault(productId, List.of());
    }

    int size() {
        return byId.size();
    }
}
