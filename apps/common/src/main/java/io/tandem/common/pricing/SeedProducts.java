package io.tandem.common.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded product list, generated from a fixed seed so that every run (and every test) sees the same products:
 * ids {@code P00001}..{@code P0NNNN}, prices 1.99 to 999.99 EUR, stock 1..500; every 50th product is out of
 * stock ({@code P00050}, {@code P00100}, ...), so a cart can meet that case on purpose. The catalog serves the
 * names and prices; the stock service seeds its initial stock from the same list, so both agree.
 */
public final class SeedProducts {
    /** Products when config {@code catalog.products} (or {@code stock.products}) is not set. */
    public static final int DEFAULT_COUNT = 5000;
    private static final long SEED = 42;
    private static final String[] ADJECTIVES = {"Red", "Quiet", "Compact", "Classic", "Smart", "Light", "Solid", "Fresh"};
    private static final String[] NOUNS = {"Kettle", "Lamp", "Backpack", "Headphones", "Mug", "Chair", "Jacket", "Router"};

    private SeedProducts() {
    }

    /** The first {@code count} products, in id order (the same values for any count: a prefix of a longer list). */
    public static List<Product> generate(int count) {
        Random random = new Random(SEED);
        List<Product> products = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + i;
            long price = 199 + random.nextInt(99_801);
            int stock = i % 50 == 0 ? 0 : 1 + random.nextInt(500);
            products.add(new Product(id(i), name, price, "EUR", stock));
        }
        return products;
    }

    public static String id(int number) {
        return String.format("P%05d", number);
    }
}
