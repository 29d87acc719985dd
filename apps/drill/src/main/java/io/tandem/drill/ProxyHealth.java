package io.tandem.drill;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The clusters' states as the proxy sees them (its readiness check {@code clusters}, one detail per cluster). A
 * scenario starts from a settled environment (every cluster UP at full weight): a cluster the previous scenario
 * repaired stays RECOVERING for the proxy's failback delay, then ramps its share of new sessions up, which would skew
 * a "before" measurement.
 */
final class ProxyHealth {
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ProxyHealth(String proxyUrl) {
        this.health = URI.create(proxyUrl.replaceAll("/$", "") + "/observe/health");
    }

    /** Waits until every cluster is UP; answers null, or what was last seen when {@code within} ran out. */
    String awaitAllUp(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, String> last = Map.of();
        while (true) {
            last = clusters();
            if (!last.isEmpty() && last.values().stream().allMatch("UP"::equals)) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                return "clusters not all UP in the proxy within " + within.toSeconds() + " s: " + last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    /** Cluster name to state ("UP", "RECOVERING", "DOWN (drained)"...); empty when the proxy does not answer. */
    Map<String, String> clusters() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
            Map<String, String> states = new TreeMap<>();
            for (JsonValue check : body.getJsonArray("checks")) {
                JsonObject c = check.asJsonObject();
                if (c.getString("name", "").equals("clusters") && c.containsKey("data")) {
                    c.getJsonObject("data").forEach((name, state) -> states.put(name, ((jakarta.json.JsonString) state).getString()));
                }
            }
            return states;
        } catch (java.io.IOException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
