package io.tandem.flags.pure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tandem.flags.bucket.UnleashFields;

import java.util.ArrayList;
import java.util.List;

/**
 * One flag, evaluated as Unleash's engine (Yggdrasil) does: on when the flag is enabled and any strategy holds (or
 * it has none); the variant comes from the first strategy that holds, from its own variants if it has any, else
 * from the flag's variants (overrides first).
 */
public final class PureToggle {
    private final String name;
    private final boolean enabled;
    private final PureStrategy[] strategies;
    private final VariantTable variants;

    private PureToggle(String name, boolean enabled, PureStrategy[] strategies, VariantTable variants) {
        this.name = name;
        this.enabled = enabled;
        this.strategies = strategies;
        this.variants = variants;
    }

    static PureToggle compile(JsonObject feature, boolean stateHasSegments) {
        String name = feature.get("name").getAsString();
        if (feature.has("dependencies") && feature.get("dependencies").isJsonArray()
                && !feature.getAsJsonArray("dependencies").isEmpty()) {
            throw new UnsupportedFlagException("dependent flags");
        }
        List<PureStrategy> strategies = new ArrayList<>();
        JsonElement strategiesJson = feature.get("strategies");
        if (strategiesJson != null && strategiesJson.isJsonArray()) {
            for (JsonElement s : strategiesJson.getAsJsonArray()) {
                strategies.add(PureStrategy.compile(s.getAsJsonObject(), name, stateHasSegments));
            }
        }
        JsonElement variantsJson = feature.get("variants");
        VariantTable variants = VariantTable.compile(
                variantsJson != null && variantsJson.isJsonArray() ? variantsJson.getAsJsonArray() : new JsonArray(),
                name, null, true);
        return new PureToggle(name, Json.optBoolean(feature, "enabled"), strategies.toArray(PureStrategy[]::new), variants);
    }

    /** The flag's name. */
    public String name() {
        return name;
    }

    /** Whether the flag is on for this context. */
    public boolean isEnabled(UnleashFields context) {
        if (!enabled) {
            return false;
        }
        if (strategies.length == 0) {
            return true;
        }
        for (PureStrategy s : strategies) {
            if (s.holds(context)) {
                return true;
            }
        }
        return false;
    }

    /** The variant for this context; never null (a shared instance, no allocation). */
    public EvaluatedVariant variant(UnleashFields context) {
        if (!enabled) {
            return EvaluatedVariant.DISABLED_OFF;
        }
        VariantTable table = variants;
        if (strategies.length > 0) {
            PureStrategy matched = null;
            for (PureStrategy s : strategies) {
                if (s.holds(context)) {
                    matched = s;
                    break;
                }
            }
            if (matched == null) {
                return EvaluatedVariant.DISABLED_OFF;
            }
            if (!matched.variants().isEmpty()) {
                table = matched.variants();
            }
        }
        EvaluatedVariant chosen = table.choose(context);
        return chosen == null ? EvaluatedVariant.DISABLED_ON : chosen;
    }
}
