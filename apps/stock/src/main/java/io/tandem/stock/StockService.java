package io.tandem.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Fields;
import io.tandem.common.api.Reply;
import io.tandem.common.stock.StockLevel;
import io.tandem.common.stock.StockLine;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Stock API, v1 (service to service; every write idempotent, keyed by the order number in its path):
 * <pre>
 * PUT  /v1/reservations/{orderNumber}           {"lines":[{"productId","quantity"}]}: hold all lines or none
 * POST /v1/reservations/{orderNumber}/commit    the hold becomes a sale
 * POST /v1/reservations/{orderNumber}/release   the hold is given back (a tombstone when there was none)
 * GET  /v1/reservations/{orderNumber}           the reservation
 * GET  /v1/stock?ids=P00001,P00002              per product: available, held, sold
 * PUT  /admin/stock/{productId}                 {"stock": n}: n units can be held from now on (admin token)
 * </pre>
 */
final class StockService implements HttpService {
    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 999;
    static final int MAX_IDS = 200;
    static final int MAX_STOCK = 1_000_000;
    static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");
    static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Api api;
    private final StockStore store;
    private final StockMetrics metrics;

    StockService(Api api, StockStore store, StockMetrics metrics) {
        this.api = api;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        api.put(rules, "/v1/reservations/{orderNumber}", this::reserve);
        api.post(rules, "/v1/reservations/{orderNumber}/commit", req -> write("commit", () -> store.commit(order(req))));
        api.post(rules, "/v1/reservations/{orderNumber}/release", req -> write("release", () -> store.release(order(req))));
        api.get(rules, "/v1/reservations/{orderNumber}", this::find);
        api.get(rules, "/v1/stock", this::levels);
        api.put(rules, "/admin/stock/{productId}", this::setStock);
    }

    private Reply reserve(ApiRequest req) {
        String order = order(req);
        List<StockLine> lines = lines(req.json());
        long start = System.nanoTime();
        try {
            return write("reserve", () -> store.reserve(order, lines));
        } finally {
            metrics.reserved(start);
        }
    }

    private Reply write(String call, Supplier<Reservation> work) {
        try {
            Reservation r = stored(work);
            metrics.outcome(call, r.status());
            return Reply.ok(json(r));
        } catch (StockStore.Refused e) {
            metrics.outcome(call, e.refusal().code());
            return refusal(e.refusal());
        }
    }

    private Reply find(ApiRequest req) {
        String order = order(req);
        return stored(() -> store.find(order)).map(r -> Reply.ok(json(r)))
                .orElseThrow(() -> ApiException.notFound("RESERVATION_NOT_FOUND", "order " + order + " has no reservation"));
    }

    private Reply levels(ApiRequest req) {
        String csv = req.query("ids").orElseThrow(() -> ApiException.badField("ids", "required"));
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(csv.split(",", -1)));
        if (ids.size() > MAX_IDS) {
            throw ApiException.badField("ids", "at most " + MAX_IDS + " ids");
        }
        ids.forEach(id -> Fields.param("ids", id, 32, PRODUCT_ID));
        Map<String, StockLevel> found = stored(() -> store.levels(ids));
        JsonArrayBuilder stock = JSON.createArrayBuilder();
        found.values().forEach(l -> stock.add(json(l)));
        JsonArrayBuilder missing = JSON.createArrayBuilder();
        ids.stream().filter(id -> !found.containsKey(id)).forEach(missing::add);
        return Reply.ok(JSON.createObjectBuilder().add("stock", stock).add("missing", missing).build());
    }

    private Reply setStock(ApiRequest req) {
        String productId = req.path("productId", 32, PRODUCT_ID);
        JsonObject body = req.json();
        Fields.onlyKnown(body, Set.of("stock"));
        int stock = Fields.integer(body, "stock", 0, MAX_STOCK);
        return stored(() -> store.setAvailable(productId, stock)).map(l -> Reply.ok(json(l)))
                .orElseThrow(() -> ApiException.notFound("UNKNOWN_PRODUCT", "productId: no such product " + productId + "."));
    }

    static List<StockLine> lines(JsonObject body) {
        Fields.onlyKnown(body, Set.of("lines"));
        JsonValue value = body.get("lines");
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badField("lines", "required: an array of {productId, quantity}");
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty() || array.size() > MAX_LINES) {
            throw ApiException.badField("lines", "between 1 and " + MAX_LINES + " lines");
        }
        List<StockLine> lines = new ArrayList<>();
        for (JsonValue item : array) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badField("lines", "each line is an object {productId, quantity}");
            }
            JsonObject line = item.asJsonObject();
            Fields.onlyKnown(line, Set.of("productId", "quantity"));
            lines.add(new StockLine(Fields.string(line, "productId", 1, 32, PRODUCT_ID, "a product id"),
                    Fields.integer(line, "quantity", 1, MAX_QUANTITY)));
        }
        return lines;
    }

    private static String order(ApiRequest req) {
        return req.path("orderNumber", 40, ORDER_NUMBER);
    }

    /** A database that does not answer: 503, and the caller retries (every call is idempotent). */
    private static <T> T stored(Supplier<T> work) {
        try {
            return work.get();
        } catch (Tx.StoreException e) {
            throw ApiException.unavailable("STORE_UNAVAILABLE", "The stock database is not answering.",
                    "Retry shortly; the call is idempotent.", Api.STORE_RETRY_AFTER);
        }
    }

    /** The house error shape, plus {@code productId} when a product is to blame. */
    private static Reply refusal(Refusal r) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("code", r.code()).add("message", r.message())
                .add("hint", r.hint());
        if (r.productId() != null) {
            body.add("field", "productId").add("productId", r.productId());
        }
        return Reply.of(Status.create(r.status()), body.build());
    }

    static JsonObject json(Reservation r) {
        JsonArrayBuilder lines = JSON.createArrayBuilder();
        r.lines().forEach(l -> lines.add(JSON.createObjectBuilder().add("productId", l.productId()).add("quantity", l.quantity())));
        JsonObjectBuilder body = JSON.createObjectBuilder().add("orderNumber", r.orderNumber()).add("status", r.status());
        if (r.expiresAt() != null && r.status().equals(Reservation.HELD)) {
            body.add("expiresAt", Instant.ofEpochMilli(r.expiresAt()).toString());
        }
        return body.add("lines", lines).build();
    }

    static JsonObject json(StockLevel l) {
        return JSON.createObjectBuilder().add("productId", l.productId()).add("available", l.available())
                .add("held", l.held()).add("sold", l.sold()).build();
    }
}
