package io.tandem.drill;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.json.JsonValue;

/**
 * How the orders of a run ended, with their failure codes and step times (the order databases, as the admin user),
 * and what the payment provider itself booked for an order (its {@code GET /v1/charges?reference=}, called
 * directly on {@code psp.url}, not through the fault proxy): the grey-failure scenarios say how the orders in flight
 * on the faulted path ended, and whether each was charged exactly once.
 */
final class OrderOutcomes {
    /**
     * One order. {@code endedAt} is when it reached CONFIRMED or FAILED (0 while not final).
     */
    record Outcome(String db, String orderNumber, String status, String failureCode, String failedStep,
                   long createdAt, long endedAt) {
        String label() {
            return failureCode == null ? status : status + " " + failureCode + (failedStep == null ? "" : "@" + failedStep);
        }
    }

    private final Databases dbs;
    private final String psp;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OrderOutcomes(Env env) {
        this.dbs = new Databases(env);
        this.psp = env.get("psp.url").replaceAll("/$", "");
    }

    /** Orders of the prefix's users in both order databases. */
    List<Outcome> of(String userPrefix) {
        List<Outcome> all = new ArrayList<>();
        for (var db : dbs.orderDbs().entrySet()) {
            try (Connection c = dbs.connect(db.getValue());
                 PreparedStatement st = c.prepareStatement("SELECT order_number, status, failure_code, failed_step, created_at,"
                         + " COALESCE(confirmed_at, failed_at, 0) FROM orders WHERE user_id LIKE ?")) {
                st.setString(1, userPrefix + "%");
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Outcome(db.getKey(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getLong(6)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading orders of db-" + db.getKey() + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /** Counts by {@link Outcome#label()}: {@code {CONFIRMED=12, FAILED OUT_OF_STOCK@reserve=1}}. */
    static Map<String, Long> count(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::label, TreeMap::new, Collectors.counting()));
    }

    /** The order's payment rows in its database: {@code CHARGE SUCCEEDED} and so on, counted. */
    Map<String, Integer> paymentRows(String db, String orderNumber) {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection c = dbs.connect(dbs.orderDbs().get(db));
             PreparedStatement st = c.prepareStatement("SELECT kind, status FROM payment WHERE order_number = ?")) {
            st.setString(1, orderNumber);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.merge(rs.getString(1) + " " + rs.getString(2), 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading payments of db-" + db + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** What the provider booked for the order: {@code charge} and {@code refund} entries, counted. */
    Map<String, Integer> providerBooks(String orderNumber) {
        URI uri = URI.create(psp + "/v1/charges?reference=" + URLEncoder.encode(orderNumber, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("payment provider: GET " + uri + " answered " + res.statusCode());
            }
            Map<String, Integer> books = new TreeMap<>();
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(res.body()))) {
                for (JsonValue entry : reader.readObject().getJsonArray("data")) {
                    books.merge(entry.asJsonObject().getString("object", "?"), 1, Integer::sum);
                }
            }
            return books;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("payment provider at " + psp + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
