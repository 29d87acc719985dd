package io.tandem.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.tandem.common.pricing.Product;

/**
 * The product list, generated from a fixed seed so that every run (and every test) sees the same products:
 * ids {@code P00001}..{@code P0NNNN}, prices 1.99 to 999.99 EUR, stock 0..500; every 50th product is out of
 * stock ({@code P00050}, {@code P00100}, ...), so a cart can meet that case on purpose.
 */
final class Catalog {
    /** Products when config {@code catalog.products} is not set. */
    static final int DEFAULT_PRODUCTS = 5000;
    private static final String[] ADJECTIVES = {"Red", "Quiet", "Compact", "Classic", "Smart", "Light", "Solid", "Fresh"};
    private static final String[] NOUNS = {"Kettle", "Lamp", "Backpack", "Headphones", "Mug", "Chair", "Jacket", "Router"};

    private final Map<String, Product> products;
    private final List<Product> ordered;

    private Catalog(Map<String, Product> products) {
        this.products = products;
        this.ordered = List.copyOf(products.values());
    }

    static Catalog seed(int count) {
        Random random = new Random(42);
        Map<String, Product> products = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String id = id(i);
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + i;
            long price = 199 + random.nextInt(99_801);
            int stock = i % 50 == 0 ? 0 : 1 + random.nextInt(500);
            products.put(id, new Product(id, name, price, "EUR", stock));
        }
        return new Catalog(products);
    }

    static String id(int number) {
        return String.format("P%05d", number);
    }

    Optional<Product> find(String id) {
        return Optional.ofNullable(products.get(id));
    }

    List<Product> page(int offset, int limit) {
        if (offset >= ordered.size()) {
            return List.of();
        }
        return new ArrayList<>(ordered.subList(offset, Math.min(ordered.size(), offset + limit)));
    }

    int size() {
        return ordered.size();
    }
}
