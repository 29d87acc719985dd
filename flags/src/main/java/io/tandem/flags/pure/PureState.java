package io.tandem.flags.pure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.HashMap;
import java.util.Map;

/**
 * A flag state (Unleash client API JSON) compiled for pure-Java evaluation, agreeing with Unleash's engine.
 * Flags using what this evaluator does not implement (segments, dependencies, operators other than IN/NOT_IN, ...)
 * are listed with the reason, so callers fall back to the engine for them.
 */
public final class PureState {
    private final Map<String, PureToggle> toggles;
    private final Map<String, String> unsupported;

    private PureState(Map<String, PureToggle> toggles, Map<String, String> unsupported) {
        this.toggles = Map.copyOf(toggles);
        this.unsupported = Map.copyOf(unsupported);
    }

    /** Compiles client features JSON ({@code {"version":2,"features":[...]}}). */
    public static PureState compile(String clientFeaturesJson) {
        JsonObject root = JsonParser.parseString(clientFeaturesJson).getAsJsonObject();
        Map<String, PureToggle> toggles = new HashMap<>();
        Map<String, String> unsupported = new HashMap<>();
        boolean hasSegments = root.has("segments") && root.get("segments").isJsonArray()
                && !root.getAsJsonArray("segments").isEmpty();
        for (JsonElement e : root.getAsJsonArray("features")) {
            JsonObject feature = e.getAsJsonObject();
            String name = feature.get("name").getAsString();
            try {
                toggles.put(name, PureToggle.compile(feature, hasSegments));
            } catch (UnsupportedFlagException ex) {
                unsupported.put(name, ex.getMessage());
            }
        }
        return new PureState(toggles, unsupported);
    }

    /** The compiled flag, or null when the state does not have it or it is unsupported (see {@link #supports}). */
    public PureToggle toggle(String name) {
        return toggles.get(name);
    }

    /** Whether this evaluator answers for the flag exactly as the engine: compiled, or absent from the state. */
    public boolean supports(String name) {
        return !unsupported.containsKey(name);
    }

    /** Why a flag is not evaluated here, or null. */
    public String unsupportedReason(String name) {
        return unsupported.get(name);
    }
}
