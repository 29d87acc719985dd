package io.tandem.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tandem.common.pricing.Product;
import io.tandem.common.pricing.SeedProducts;

/**
 * The product list ({@link SeedProducts}: the same products every run and in every test), looked up by id and by
 * page. Its stock numbers are the seed's; what the catalog serves as stock comes from the stock service
 * ({@link StockView}).
 */
final class Catalog {
    /** Products when config {@code catalog.products} is not set. */
    static final int DEFAULT_PRODUCTS = SeedProducts.DEFAULT_COUNT;

    private final Map<String, Product> products;
    private final List<Product> ordered;

    private Catalog(Map<String, Product> products) {
        this.products = products;
        this.ordered = List.copyOf(products.values());
    }

    static Catalog seed(int count) {
        Map<String, Product> products = new LinkedHashMap<>();
        SeedProducts.generate(count).forEach(p -> products.put(p.productId(), p));
        return new Catalog(products);
    }

    static String id(int number) {
        return SeedProducts.id(number);
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
