package io.tandem.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.pricing.Product;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Catalog API, v1:
 * <pre>
 * GET /v1/products?ids=P00001,P00002      up to 100 products by id: {"products":[...],"missing":[...]}
 * GET /v1/products?offset=0&amp;limit=50      a page of the catalog: {"products":[...],"total":5000,...}
 * GET /v1/products/{productId}            one product, 404 UNKNOWN_PRODUCT when there is none
 * </pre>
 * Stock comes from the stock service ({@link StockView}): never a failure of these routes.
 */
final class CatalogService implements HttpService {
    static final int MAX_IDS = 100;
    static final int MAX_PAGE = 200;
    static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private final Api api;
    private final Catalog catalog;
    private final StockView stock;

    CatalogService(Api api, Catalog catalog, StockView stock) {
        this.api = api;
        this.catalog = catalog;
        this.stock = stock;
    }

    @Override
    public void routing(HttpRules rules) {
        api.get(rules, "/v1/products", this::list);
        api.get(rules, "/v1/products/{productId}", this::one);
    }

    private Reply list(ApiRequest req) {
        Optional<String> ids = req.query("ids");
        if (ids.isPresent()) {
            return byIds(ids.get());
        }
        int offset = Integer.parseInt(Fields.param("offset", req.query("offset").orElse("0"), 9, NUMBER));
        int limit = Integer.parseInt(Fields.param("limit", req.query("limit").orElse("50"), 9, NUMBER));
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badField("limit", "must be between 1 and " + MAX_PAGE);
        }
        return Reply.ok(Jsons.JSON.createObjectBuilder()
                .add("products", array(catalog.page(offset, limit), stock))
                .add("total", catalog.size()).add("offset", offset).add("limit", limit).build());
    }

    private Reply byIds(String csv) {
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(csv.split(",", -1)));
        if (ids.size() > MAX_IDS) {
            throw ApiException.badField("ids", "at most " + MAX_IDS + " ids");
        }
        List<Product> found = new ArrayList<>();
        JsonArrayBuilder missing = Jsons.JSON.createArrayBuilder();
        for (String id : ids) {
            Fields.param("ids", id, 32, PRODUCT_ID);
            catalog.find(id).ifPresentOrElse(found::add, () -> missing.add(id));
        }
        return Reply.ok(Jsons.JSON.createObjectBuilder().add("products", array(found, stock)).add("missing", missing).build());
    }

    private Reply one(ApiRequest req) {
        String id = req.path("productId", 32, PRODUCT_ID);
        return catalog.find(id)
                .map(product -> Reply.ok(json(product, stock.stock(List.of(id)).get(id))))
                .orElseThrow(() -> ApiException.notFound("UNKNOWN_PRODUCT", "productId: no such product " + id + "."));
    }

    private static JsonArrayBuilder array(List<Product> products, StockView stock) {
        Map<String, StockView.Shown> levels = stock.stock(products.stream().map(Product::productId).toList());
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        products.forEach(p -> array.add(json(p, levels.get(p.productId()))));
        return array;
    }

    /**
     * A product; {@code stock} is what the stock service says can still be bought ({@code stockStatus} LIVE), the
     * last value seen while it does not answer (LAST_KNOWN), or null (UNKNOWN).
     */
    static JsonObject json(Product p, StockView.Shown shown) {
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder().add("productId", p.productId()).add("name", p.name())
                .add("priceCents", p.priceCents()).add("currency", p.currency());
        if (shown.available() == null) {
            json.addNull("stock");
        } else {
            json.add("stock", shown.available());
        }
        return json.add("stockStatus", shown.freshness().name()).build();
    }
}
