package io.tandem.common.api;

import java.io.StringReader;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * How a cluster's readiness tells the transact proxy how slow its stores are. A cluster answers readiness from its
 * last background check (so a busy or cold JVM answers at once), which hides a slow store from the probe's own
 * round trip; each check's data therefore carries {@link #DETAIL}: how long its store took to answer, in
 * milliseconds (a check still running counts for as long as it has run). The proxy reads the slowest
 * ({@link #slowestMillis(String)}) as the cluster's probe time, so a cluster whose database answers in 2 s stays an
 * outlier for new sessions even when it takes none and so has no live latency to judge.
 */
public final class StoreCheckTimes {
    /** The detail name in each check's {@code data} of the health document. */
    public static final String DETAIL = "checkMillis";

    private StoreCheckTimes() {
    }

    /**
     * Reads a Helidon health document ({@code {"status":..., "checks":[{"name":..., "data":{...}}]}}).
     *
     * @param healthDocument the readiness answer's body
     * @return the slowest check's {@link #DETAIL}, or -1 when the document names none (an older cluster, no checks,
     *         not JSON)
     */
    public static long slowestMillis(String healthDocument) {
        if (healthDocument == null || healthDocument.isBlank()) {
            return -1;
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(healthDocument))) {
            JsonValue root = reader.readValue();
            if (root.getValueType() != JsonValue.ValueType.OBJECT) {
                return -1;
            }
            JsonArray checks = root.asJsonObject().getJsonArray("checks");
            long slowest = -1;
            for (JsonValue check : checks == null ? JsonValue.EMPTY_JSON_ARRAY : checks) {
                if (check.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonObject data = check.asJsonObject().getJsonObject("data");
                if (data != null && data.get(DETAIL) instanceof JsonNumber millis) {
                    slowest = Math.max(slowest, millis.longValue());
                }
            }
            return slowest;
        } catch (JsonException | ClassCastException e) {
            return -1;
        }
    }
}
