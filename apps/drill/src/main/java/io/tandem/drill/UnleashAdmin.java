package io.tandem.drill;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Ops through the Unleash 8.x admin API: the {@code cluster_routing} split (strategy variants, one pinned
 * {@code fix} so the split is exact) and boolean switches, switched and read.
 */
public final class UnleashAdmin {
    public static final String ROUTING_FLAG = "cluster_routing";
    public static final String ENVIRONMENT = "development";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String api;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public UnleashAdmin(Env env) {
        this.api = env.get("unleash.url").replaceAll("/+$", "") + "/api/admin/projects/default/features/";
        this.token = env.get("unleash.admin.token");
    }

    /** The strategy that splits everyone by weight: the routing flag's strategy without constraints. */
    public JsonObject splitStrategy() {
        JsonArray strategies = readArray(send("GET", strategiesPath(ROUTING_FLAG), null));
        for (JsonValue v : strategies) {
            JsonObject s = v.asJsonObject();
            if (s.getJsonArray("constraints") == null || s.getJsonArray("constraints").isEmpty()) {
                return s;
            }
        }
        throw new IllegalStateException(ROUTING_FLAG + " has no strategy without constraints");
    }

    /** New users to B in this share (0..100 percent), exactly: B's weight is pinned, A takes the rest. */
    public void shareToB(JsonObject split, int percent) {
        JsonArrayBuilder variants = Json.createArrayBuilder();
        if (percent <= 0) {
            variants.add(variant("a", 1000, "variable"));
        } else if (percent >= 100) {
            variants.add(variant("b", 1000, "variable"));
        } else {
            variants.add(variant("a", 1000 - percent * 10, "variable")).add(variant("b", percent * 10, "fix"));
        }
        put(split, variants.build());
    }

    /** Puts a strategy back as it was. */
    public void restore(JsonObject split) {
        put(split, split.getJsonArray("variants"));
    }

    /** Switches a flag on or off in the environment. */
    public void toggle(String flag, boolean on) {
        send("POST", flag + "/environments/" + ENVIRONMENT + "/" + (on ? "on" : "off"), null);
    }

    /** Whether a flag is on in the environment (what the services read, not what a UI shows). */
    public boolean isOn(String flag) {
        JsonObject feature;
        try (var reader = Json.createReader(new StringReader(send("GET", flag, null)))) {
            feature = reader.readObject();
        }
        for (JsonValue v : feature.getJsonArray("environments")) {
            if (ENVIRONMENT.equals(v.asJsonObject().getString("name", ""))) {
                return v.asJsonObject().getBoolean("enabled");
            }
        }
        throw new IllegalStateException(flag + " has no environment " + ENVIRONMENT);
    }

    private void put(JsonObject split, JsonArray variants) {
        JsonObject body = Json.createObjectBuilder()
                .add("name", split.getString("name"))
                .add("title", split.getString("title", ""))
                .add("constraints", split.getJsonArray("constraints"))
                .add("parameters", split.getJsonObject("parameters"))
                .add("variants", variants)
                .add("disabled", split.getBoolean("disabled", false))
                .build();
        send("PUT", strategiesPath(ROUTING_FLAG) + "/" + split.getString("id"), body);
    }

    private static JsonObject variant(String name, int weight, String type) {
        return Json.createObjectBuilder().add("name", name).add("weight", weight).add("weightType", type)
                .add("stickiness", "userId").build();
    }

    private static String strategiesPath(String flag) {
        return flag + "/environments/" + ENVIRONMENT + "/strategies";
    }

    private String send(String method, String path, JsonObject body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(api + path)).timeout(TIMEOUT)
                .header("Authorization", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IllegalStateException("Unleash " + method + " " + path + ": " + res.statusCode() + " " + res.body());
            }
            return res.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unleash " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonArray readArray(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }
}
