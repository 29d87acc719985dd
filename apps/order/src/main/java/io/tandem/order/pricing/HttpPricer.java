package io.tandem.order.pricing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tandem.order.sagas.placeorder.StepFailure;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Pricing over HTTP against the catalog ({@code GET /v1/products?ids=}) and offers
 * ({@code GET /v1/offers?productIds=}) services, each call bounded by its timeout (catalog: service to service,
 * 3 s; offers: short, as in the cart's pricing, because a slow offers must not hold an order up).
 * Offers failing or slow: priced without discount, and the order says so. Catalog failing: an exception, so
 * the saga tries again later.
 */
public final class HttpPricer implements Pricer {
    /** DESIGN.md: service to service, 3 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Offers answering slower than this: the order goes on without discount (the cart's ft.offers.timeout). */
    public static final Duration DEFAULT_OFFERS_TIMEOUT = Duration.ofMillis(300);

    private final URI catalog;
    private final URI offers;
    private final Duration timeout;
    private final Duration offersTimeout;
    private final OfferKillSwitch killSwitch;
    private final HttpClient client;

    public HttpPricer(URI catalog, URI offers, Duration timeout, Duration offersTimeout, OfferKillSwitch killSwitch) {
        this.catalog = catalog;
        this.offers = offers;
        this.timeout = timeout;
        this.offersTimeout = offersTimeout;
        this.killSwitch = killSwitch;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public PricedOrder price(List<OrderLine> lines, String userId) {
        String ids = String.join(",", lines.stream().map(OrderLine::productId).distinct().toList());
        JsonObject products = get(catalog, "/v1/products?ids=" + URLEncoder.encode(ids, StandardCharsets.UTF_8), timeout);
        if (!products.getJsonArray("missing").isEmpty()) {
            String missing = products.getJsonArray("missing").toString();
            throw new StepFailure("UNKNOWN_PRODUCT", "no such product: " + missing, "remove this item from the order");
        }
        Map<String, JsonObject> byId = new HashMap<>();
        products.getJsonArray("products").forEach(p -> byId.put(p.asJsonObject().getString("productId"), p.asJsonObject()));
        String status = "APPLIED";
        Map<String, Integer> percentOff = new HashMap<>();
        if (killSwitch.on(userId)) {
            status = "SKIPPED_KILL_SWITCH";
        } else {
            try {
                JsonObject answer = get(offers, "/v1/offers?productIds=" + URLEncoder.encode(ids, StandardCharsets.UTF_8),
                        offersTimeout);
                for (JsonValue o : answer.getJsonArray("offers")) {
                    JsonObject offer = o.asJsonObject();
                    percentOff.merge(offer.getString("productId"), offer.getInt("percentOff"), Math::max);
                }
            } catch (RuntimeException e) {
                status = "SKIPPED_OFFERS_UNAVAILABLE";
                percentOff.clear();
            }
        }
        List<PricedOrder.Line> priced = new ArrayList<>();
        String currency = "EUR";
        for (OrderLine line : lines) {
            JsonObject p = byId.get(line.productId());
            currency = p.getString("currency");
            priced.add(new PricedOrder.Line(line.productId(), p.getString("name"), line.quantity(),
                    p.getJsonNumber("priceCents").longValue(), percentOff.getOrDefault(line.productId(), 0),
                    p.getInt("stock")));
        }
        return new PricedOrder(priced, currency, status);
    }

    private JsonObject get(URI base, String pathAndQuery, Duration callTimeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + pathAndQuery))
                .timeout(callTimeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(base + " answered " + response.statusCode());
            }
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(base + " not answering: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
