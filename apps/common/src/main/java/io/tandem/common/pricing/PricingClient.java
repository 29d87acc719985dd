package io.tandem.common.pricing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import io.helidon.common.config.Config;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import io.opentelemetry.context.Context;

import io.tandem.common.api.ApiException;
import io.tandem.common.flag.FlagCheck;
import io.tandem.common.ft.DependencyPolicy;
import io.tandem.common.ft.Guard;
import io.tandem.common.observe.DeepHealth;
import io.tandem.flags.TandemFlags;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Prices a cart for cart and order (one instance per process, so both share its breakers): catalog (price, stock) and offers (discounts) called in parallel, each behind
 * its own {@link Guard} (timeout, breaker, bulkhead; config {@code ft.catalog}, {@code ft.offers}).
 * <ul>
 *     <li>Offers failing, slow or breaker open: list prices, {@code discountStatus: SKIPPED_OFFERS_UNAVAILABLE}.</li>
 *     <li>The kill switch ({@link TandemFlags#OFFER_KILL_SWITCH}) on: offers is not called,
 *     {@code SKIPPED_KILL_SWITCH}.</li>
 *     <li>Catalog failing: 503 {@code CATALOG_UNAVAILABLE} with Retry-After (no price without a list price).</li>
 *     <li>An id the catalog does not know: {@link UnknownProductException} naming it (the cart answers 422
 *     {@code UNKNOWN_PRODUCT}).</li>
 * </ul>
 * Config (root keys, as envs/local passes them): {@code catalog.url}, {@code offers.url},
 * {@code ft.catalog.*}, {@code ft.offers.*} (see {@link DependencyPolicy}).
 */
public final class PricingClient {
    public static final int MAX_LINES = 100;
    public static final String DEFAULT_CATALOG_URL = "http://127.0.0.1:8301";
    public static final String DEFAULT_OFFERS_URL = "http://127.0.0.1:8302";
    /** Retry-After when catalog fails while its breaker is still closed. */
    public static final Duration CATALOG_RETRY_AFTER = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(PricingClient.class.getName());

    private final HttpJson catalog;
    private final HttpJson offers;
    private final Guard catalogGuard;
    private final Guard offersGuard;
    private final FlagCheck flags;
    /** Offers run beside the catalog on this executor; the trace context goes with each task (its span's parent). */
    private final ExecutorService parallel = Context.taskWrapping(Executors.newVirtualThreadPerTaskExecutor());
    private final Map<DiscountStatus, Counter> outcomes = new HashMap<>();

    public PricingClient(Config root, FlagCheck flags) {
        this.catalogGuard = Guard.create(DependencyPolicy.create("catalog", root.get("ft.catalog")));
        this.offersGuard = Guard.create(DependencyPolicy.create("offers", root.get("ft.offers")));
        this.catalog = new HttpJson("catalog", root.get("catalog.url").asString().orElse(DEFAULT_CATALOG_URL),
                catalogGuard.policy().timeout());
        this.offers = new HttpJson("offers", root.get("offers.url").asString().orElse(DEFAULT_OFFERS_URL),
                offersGuard.policy().timeout());
        this.flags = flags;
        for (DiscountStatus status : DiscountStatus.values()) {
            outcomes.put(status, Metrics.globalRegistry().getOrCreate(Counter.builder("tandem.pricing.discount")
                    .tags(List.of(Tag.create("status", status.name())))
                    .description("Carts priced, by discount status")));
        }
    }

    /**
     * Prices the lines for a user.
     *
     * @param lines  lines (at most {@link #MAX_LINES})
     * @param userId the caller (the kill switch may be rolled out by user)
     * @return the priced cart
     */
    public PricedCart price(List<Line> lines, String userId) {
        List<String> ids = lines.stream().map(Line::productId).distinct().toList();
        boolean killed = flags.isOn(TandemFlags.OFFER_KILL_SWITCH, userId);
        CompletableFuture<Map<String, Offer>> discounts = killed
                ? CompletableFuture.completedFuture(Map.of())
                : CompletableFuture.supplyAsync(() -> offersGuard.call(() -> offers(ids)), parallel);
        Map<String, Product> products = catalog(ids);
        DiscountStatus status = killed ? DiscountStatus.SKIPPED_KILL_SWITCH : DiscountStatus.APPLIED;
        Map<String, Offer> offerByProduct = Map.of();
        if (!killed) {
            try {
                offerByProduct = discounts.get();
            } catch (ExecutionException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Offers unavailable, pricing without discount: " + e);
                status = DiscountStatus.SKIPPED_OFFERS_UNAVAILABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = DiscountStatus.SKIPPED_OFFERS_UNAVAILABLE;
            }
        }
        outcomes.get(status).increment();
        List<PricedCart.PricedLine> priced = new ArrayList<>();
        String currency = "EUR";
        for (Line line : lines) {
            Product product = products.get(line.productId());
            Offer offer = offerByProduct.get(line.productId());
            currency = product.currency();
            priced.add(new PricedCart.PricedLine(product.productId(), product.name(), line.quantity(),
                    product.priceCents(), offer == null ? null : offer.offerId(),
                    offer == null ? 0 : offer.percentOff(), product.stock()));
        }
        return new PricedCart(priced, currency, status);
    }

    /** Looks products up (catalog only): for validating an id before it goes into a cart. */
    public Map<String, Product> products(List<String> ids) {
        return catalog(ids);
    }

    /** Deep check of catalog: one real lookup outside the guard (a probe must not move the breaker), and its state. */
    public DeepHealth.Result catalogProbe() {
        return probe(catalog, "/v1/products", "ids", catalogGuard);
    }

    /** Deep check of offers; DOWN here does not stop checkouts (pricing goes on without discount). */
    public DeepHealth.Result offersProbe() {
        return probe(offers, "/v1/offers", "productIds", offersGuard);
    }

    private static DeepHealth.Result probe(HttpJson client, String path, String param, Guard guard) {
        String breaker = "breaker " + guard.breakerState();
        try {
            client.get(path, param, "P00001");
            return DeepHealth.Result.up(breaker);
        } catch (RuntimeException e) {
            return DeepHealth.Result.down(breaker + "; " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public CircuitBreaker.State catalogBreaker() {
        return catalogGuard.breakerState();
    }

    public CircuitBreaker.State offersBreaker() {
        return offersGuard.breakerState();
    }

    private Map<String, Product> catalog(List<String> ids) {
        Map<String, Product> products;
        try {
            products = catalogGuard.callIdempotent(() -> parseProducts(
                    catalog.get("/v1/products", "ids", String.join(",", ids))));
        } catch (RuntimeException e) {
            boolean open = catalogGuard.breakerState() == CircuitBreaker.State.OPEN;
            throw ApiException.unavailable("CATALOG_UNAVAILABLE",
                    "Prices cannot be read right now (catalog " + (open ? "circuit open" : "failing") + ").",
                    "Retry after the Retry-After seconds.",
                    open ? catalogGuard.policy().delay() : CATALOG_RETRY_AFTER);
        }
        Map<String, Product> found = products;
        List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new UnknownProductException(missing);
        }
        return found;
    }

    /** Inside the guard: an answer that cannot be read counts against the breaker like a 5xx. */
    private static Map<String, Product> parseProducts(JsonObject answer) {
        try {
            Map<String, Product> products = new HashMap<>();
            for (JsonValue value : answer.getJsonArray("products")) {
                JsonObject p = value.asJsonObject();
                products.put(p.getString("productId"), new Product(p.getString("productId"), p.getString("name"),
                        p.getJsonNumber("priceCents").longValue(), p.getString("currency"), stock(p)));
            }
            return products;
        } catch (RuntimeException e) {
            throw new DependencyException("catalog answered an unexpected shape: " + e);
        }
    }

    /** The catalog shows null while the stock service is down and it never saw the product: carts still open. */
    private static int stock(JsonObject product) {
        JsonValue stock = product.get("stock");
        return stock == null || stock.getValueType() == JsonValue.ValueType.NULL ? Product.STOCK_UNKNOWN
                : product.getInt("stock");
    }

    private Map<String, Offer> offers(List<String> ids) {
        JsonObject answer = offers.get("/v1/offers", "productIds", String.join(",", ids));
        return answer.getJsonArray("offers").stream()
                .map(JsonValue::asJsonObject)
                .map(o -> new Offer(o.getString("offerId"), o.getString("productId"), o.getInt("percentOff")))
                .collect(Collectors.toMap(Offer::productId, o -> o, (a, b) -> a.percentOff() >= b.percentOff() ? a : b));
    }
}
