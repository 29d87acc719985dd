package io.tandem.flags.pure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tandem.flags.bucket.UnleashFields;
import io.tandem.flags.bucket.WeightedVariants;
import io.tandem.flags.bucket.WeightedVariants.VariantOverride;
import io.tandem.flags.bucket.WeightedVariants.VariantSpec;

import java.util.ArrayList;
import java.util.List;

/** Variants (of a flag or of a strategy) with their payloads, choosing through {@link WeightedVariants}. */
final class VariantTable {
    private final WeightedVariants weighted;
    private final EvaluatedVariant[] answers;

    private VariantTable(WeightedVariants weighted, EvaluatedVariant[] answers) {
        this.weighted = weighted;
        this.answers = answers;
    }

    /**
     * @param forcedStickiness strategy variants use their strategy's stickiness, null for flag variants (each
     *                         variant's own, the first one's counting)
     * @param allowOverrides   flag variants have overrides, strategy variants do not
     */
    static VariantTable compile(JsonArray variants, String groupId, String forcedStickiness, boolean allowOverrides) {
        List<VariantSpec> specs = new ArrayList<>();
        List<EvaluatedVariant> answers = new ArrayList<>();
        int total = 0;
        for (JsonElement e : variants) {
            JsonObject v = e.getAsJsonObject();
            String name = v.get("name").getAsString();
            int weight = v.has("weight") && !v.get("weight").isJsonNull() ? v.get("weight").getAsInt() : 0;
            if (weight < 0) {
                throw new UnsupportedFlagException("variant " + name + " has a negative weight");
            }
            total += weight;
            String stickiness = forcedStickiness != null ? forcedStickiness : Json.optString(v, "stickiness");
            if ("currentTime".equals(stickiness)) {
                throw new UnsupportedFlagException("variant stickiness on currentTime");
            }
            List<VariantOverride> overrides = new ArrayList<>();
            if (allowOverrides && v.has("overrides") && v.get("overrides").isJsonArray()) {
                for (JsonElement o : v.getAsJsonArray("overrides")) {
                    JsonObject ov = o.getAsJsonObject();
                    String contextName = ov.get("contextName").getAsString();
                    if ("currentTime".equals(contextName)) {
                        throw new UnsupportedFlagException("variant override on currentTime");
                    }
                    overrides.add(new VariantOverride(contextName, Json.strings(ov.get("values"))));
                }
            }
            specs.add(new VariantSpec(name, weight, stickiness, overrides));
            JsonObject payload = v.has("payload") && v.get("payload").isJsonObject() ? v.getAsJsonObject("payload") : null;
            answers.add(new EvaluatedVariant(name, payload == null ? null : Json.optString(payload, "type"),
                    payload == null ? null : Json.optString(payload, "value"), true, true));
        }
        if (!specs.isEmpty() && total == 0) {
            // The engine would hash modulo zero.
            throw new UnsupportedFlagException("variants whose weights sum to 0");
        }
        return new VariantTable(WeightedVariants.of(groupId, specs), answers.toArray(EvaluatedVariant[]::new));
    }

    boolean isEmpty() {
        return weighted.size() == 0;
    }

    /** The chosen variant, or null. */
    EvaluatedVariant choose(UnleashFields context) {
        int i = weighted.select(context);
        return i < 0 ? null : answers[i];
    }
}
