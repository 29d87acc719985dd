package io.tandem.flags.file;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * The flags file in the shape of Unleash's client API ({@code GET /api/client/features}): what the client's
 * engine takes as its state when neither Unleash nor a backup file is there.
 */
public final class ClientFeaturesJson {
    private ClientFeaturesJson() {
    }

    /** Client features JSON (version 2) of every flag in the file. */
    public static String of(FlagsFile file) {
        JsonArray features = new JsonArray();
        for (FlagDefinition flag : file.flags()) {
            JsonObject f = new JsonObject();
            f.addProperty("name", flag.name());
            f.addProperty("type", flag.type());
            f.addProperty("description", flag.description());
            f.addProperty("project", file.project());
            f.addProperty("enabled", flag.enabled());
            f.addProperty("stale", false);
            f.addProperty("impressionData", false);
            JsonArray strategies = new JsonArray();
            for (StrategyDefinition s : flag.strategies()) {
                strategies.add(strategy(s));
            }
            f.add("strategies", strategies);
            f.add("variants", new JsonArray());
            features.add(f);
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", 2);
        root.add("features", features);
        return root.toString();
    }

    /** One strategy as the admin and client APIs both write it. */
    public static JsonObject strategy(StrategyDefinition s) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        if (s.title() != null) {
            o.addProperty("title", s.title());
        }
        JsonObject parameters = new JsonObject();
        s.parameters().forEach(parameters::addProperty);
        o.add("parameters", parameters);
        JsonArray constraints = new JsonArray();
        for (ConstraintDefinition c : s.constraints()) {
            JsonObject co = new JsonObject();
            co.addProperty("contextName", c.contextName());
            co.addProperty("operator", c.operator());
            JsonArray values = new JsonArray();
            c.values().forEach(values::add);
            co.add("values", values);
            co.addProperty("caseInsensitive", false);
            co.addProperty("inverted", false);
            constraints.add(co);
        }
        o.add("constraints", constraints);
        o.add("variants", variants(s.variants(), s.parameters().getOrDefault("stickiness", "default")));
        return o;
    }

    // The admin API wants at least one "variable" variant: all but the last are fixed, the last takes the rest,
    // which is its own weight because the file's weights sum to 1000.
    private static JsonArray variants(List<VariantDefinition> variants, String stickiness) {
        JsonArray array = new JsonArray();
        for (int i = 0; i < variants.size(); i++) {
            VariantDefinition v = variants.get(i);
            JsonObject vo = new JsonObject();
            vo.addProperty("name", v.name());
            vo.addProperty("weight", v.weight());
            vo.addProperty("weightType", i == variants.size() - 1 ? "variable" : "fix");
            vo.addProperty("stickiness", stickiness);
            array.add(vo);
        }
        return array;
    }
}
