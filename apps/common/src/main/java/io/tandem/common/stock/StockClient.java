package io.tandem.common.stock;

import java.io.StringReader;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.common.config.Config;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import io.tandem.common.trace.ClientSpans;
import io.tandem.common.ft.DependencyPolicy;
import io.tandem.common.ft.Guard;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.pricing.DependencyException;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * The stock service (apps/stock) for catalog and the order saga, behind a {@link Guard} (config {@code ft.stock}:
 * timeout, breaker, bulkhead, retries; every call here is idempotent by order number, so retries are safe).
 * It tells apart: a state or a refusal ({@link StockAnswer}: held, committed, released, out of stock naming the
 * product, released before...) and "unavailable" ({@link StockUnavailableException}: no answer, a 5xx, the
 * breaker open), which the caller retries. Refusals do not count against the breaker: they are answers.
 *
 * <p>Config (root keys): {@code stock.url} (default {@value #DEFAULT_URL}), {@code ft.stock.*}
 * ({@link DependencyPolicy}, defaults: 3 s timeout, breaker 50% of 10, 5 s open).
 */
public final class StockClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8305";
    /** The most ids one {@link #levels} call sends (the service's own limit). */
    public static final int MAX_IDS = 200;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final WebClient client;
    private final Guard guard;

    public StockClient(Config root) {
        this(root.get("stock.url").asString().orElse(DEFAULT_URL), DependencyPolicy.create("stock", root.get("ft.stock")));
    }

    public StockClient(String baseUrl, DependencyPolicy policy) {
        this.guard = Guard.create(policy);
        this.client = WebClient.builder().baseUri(baseUrl)
                .connectTimeout(policy.timeout()).readTimeout(policy.timeout())
                .followRedirects(false)
                .addService(ClientSpans.to("stock"))
                .build();
    }

    /** Holds every line for the order, or none. Repeating it answers the same and never holds twice. */
    public StockAnswer reserve(String orderNumber, List<StockLine> lines) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        lines.forEach(l -> array.add(JSON.createObjectBuilder().add("productId", l.productId()).add("quantity", l.quantity())));
        String body = JSON.createObjectBuilder().add("lines", array).build().toString();
        return write("PUT", path(orderNumber), body);
    }

    /** The hold becomes a sale (re-taken if it expired and the stock is still there). */
    public StockAnswer commit(String orderNumber) {
        return write("POST", path(orderNumber) + "/commit", "{}");
    }

    /** Gives the hold back; an order never reserved gets a tombstone, so a late reserve of it is refused. */
    public StockAnswer release(String orderNumber) {
        return write("POST", path(orderNumber) + "/release", "{}");
    }

    /** The order's reservation as stored. */
    public StockAnswer find(String orderNumber) {
        return guarded(() -> answer(client.get(path(orderNumber))));
    }

    /** Stock levels of up to {@link #MAX_IDS} products; unknown ids are left out. */
    public Map<String, StockLevel> levels(Collection<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " ids");
        }
        return guarded(() -> {
            HttpClientRequest request = client.get("/v1/stock").queryParam("ids", String.join(",", ids));
            try (HttpClientResponse response = request.request()) {
                String text = response.as(String.class);
                if (response.status().code() != 200) {
                    throw new DependencyException("stock answered " + response.status().code());
                }
                Map<String, StockLevel> levels = new HashMap<>();
                for (JsonValue value : read(text).getJsonArray("stock")) {
                    JsonObject s = value.asJsonObject();
                    levels.put(s.getString("productId"), new StockLevel(s.getString("productId"),
                            s.getInt("available"), s.getInt("held"), s.getInt("sold")));
                }
                return levels;
            } catch (ClassCastException | NullPointerException e) {
                throw new DependencyException("stock answered an unexpected shape: " + e);
            }
        });
    }

    /** Deep check: one real read outside the guard (a probe must not move the breaker), and the breaker state. */
    public DeepHealth.Result probe() {
        String breaker = "breaker " + guard.breakerState();
        try (HttpClientResponse response = client.get("/v1/stock").queryParam("ids", "P00001").request()) {
            return response.status().code() == 200 ? DeepHealth.Result.up(breaker)
                    : DeepHealth.Result.down(breaker + "; answered " + response.status().code());
        } catch (RuntimeException e) {
            return DeepHealth.Result.down(breaker + "; " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public CircuitBreaker.State breakerState() {
        return guard.breakerState();
    }

    public DependencyPolicy policy() {
        return guard.policy();
    }

    private StockAnswer write(String method, String path, String body) {
        return guarded(() -> answer(client.method(io.helidon.http.Method.create(method)).path(path)
                .header(HeaderValues.CONTENT_TYPE_JSON), body));
    }

    private <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return guard.callIdempotent(call);
        } catch (RuntimeException e) {
            throw new StockUnavailableException("stock service unavailable (breaker " + guard.breakerState() + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static StockAnswer answer(HttpClientRequest request) {
        return answer(request, null);
    }

    /** Inside the guard: a 5xx or an answer that cannot be read throws (counts against the breaker). */
    private static StockAnswer answer(HttpClientRequest request, String body) {
        try (HttpClientResponse response = body == null ? request.request() : request.submit(body)) {
            int status = response.status().code();
            JsonObject json = read(response.as(String.class));
            if (status == 200) {
                String expires = json.getString("expiresAt", null);
                return new StockAnswer(StockOutcome.valueOf(json.getString("status")), null,
                        json.getString("status"), expires == null ? null : Instant.parse(expires));
            }
            if (status >= 400 && status < 500) {
                StockOutcome outcome = refusal(json.getString("code", ""));
                if (outcome != null) {
                    return new StockAnswer(outcome, json.getString("productId", null), json.getString("message", ""), null);
                }
            }
            throw new DependencyException("stock answered " + status + " " + json.getString("code", ""));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | java.time.DateTimeException e) {
            throw new DependencyException("stock answered an unexpected shape: " + e);
        }
    }

    private static StockOutcome refusal(String code) {
        return switch (code) {
            case "OUT_OF_STOCK" -> StockOutcome.OUT_OF_STOCK;
            case "UNKNOWN_PRODUCT" -> StockOutcome.UNKNOWN_PRODUCT;
            case "RESERVATION_RELEASED" -> StockOutcome.RESERVATION_RELEASED;
            case "RESERVATION_COMMITTED" -> StockOutcome.RESERVATION_COMMITTED;
            case "HOLD_EXPIRED" -> StockOutcome.HOLD_EXPIRED;
            case "RESERVATION_NOT_FOUND" -> StockOutcome.NOT_FOUND;
            case "RESERVATION_MISMATCH" -> StockOutcome.RESERVATION_MISMATCH;
            default -> null;
        };
    }

    private static JsonObject read(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new DependencyException("stock answered unreadable JSON");
        }
    }

    private static String path(String orderNumber) {
        return "/v1/reservations/" + orderNumber;
    }
}
