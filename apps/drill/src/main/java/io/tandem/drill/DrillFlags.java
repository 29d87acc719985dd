package io.tandem.drill;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.sync.UnleashAdmin;

import com.google.gson.JsonParser;

/**
 * What the drill does to flags, through the flags module's admin client ({@link UnleashAdmin}): the
 * {@code cluster_routing} split (strategy variants, one pinned {@code fix} so the split is exact) and on/off
 * switches, switched and read, in the environment the services read.
 */
public final class DrillFlags {
    public static final String ENVIRONMENT = UnleashAdmin.DEFAULT_ENVIRONMENT;
    private static final String ROUTING_FLAG = TandemFlags.CLUSTER_ROUTING.name();

    private final UnleashAdmin admin;

    public DrillFlags(Env env) {
        this.admin = new UnleashAdmin(env.get("unleash.url"), env.get("unleash.admin.token"),
                UnleashAdmin.DEFAULT_PROJECT, UnleashAdmin.DEFAULT_TIMEOUT);
    }

    /** The strategy that splits everyone by weight: the routing flag's strategy without constraints. */
    public JsonObject splitStrategy() {
        JsonArray strategies = jakarta(admin.strategies(ROUTING_FLAG, ENVIRONMENT).toString()).asJsonArray();
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
    public void toggle(BooleanFlag flag, boolean on) {
        admin.toggle(flag.name(), ENVIRONMENT, on);
    }

    /** Whether a flag is on in the environment (what the services read, not what a UI shows). */
    public boolean isOn(BooleanFlag flag) {
        return admin.isOn(flag.name(), ENVIRONMENT);
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
        admin.updateStrategy(ROUTING_FLAG, ENVIRONMENT, split.getString("id"),
                JsonParser.parseString(body.toString()).getAsJsonObject());
    }

    private static JsonObject variant(String name, int weight, String type) {
        return Json.createObjectBuilder().add("name", name).add("weight", weight).add("weightType", type)
                .add("stickiness", "userId").build();
    }

    // The admin client speaks Gson (the flags module's JSON); the drill speaks JSON-P.
    private static JsonValue jakarta(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
