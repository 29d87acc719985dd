package io.tandem.flags.file;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads flags.json strictly: every error names the file, the JSON path and what is wrong. */
final class FlagsFileParser {
    static final Set<String> TYPES = Set.of("release", "kill-switch", "operational", "experiment", "permission");
    static final Set<String> STRATEGIES = Set.of("flexibleRollout", "default");
    static final Set<String> STICKINESS = Set.of("default", "userId", "sessionId", "random");
    static final Set<String> CONTEXT_FIELDS = Set.of("userId", "sessionId", "appName", "environment", "cluster");
    static final Set<String> OPERATORS = Set.of("IN", "NOT_IN");
    static final int TOTAL_WEIGHT = 1000;
    private static final Pattern FLAG_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Pattern VARIANT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,99}");

    private final StrictJson json;

    FlagsFileParser(String source) {
        this.json = new StrictJson(source);
    }

    FlagsFile parse(String text) {
        JsonElement root = json.readTree(text);
        JsonObject top = json.object(root, "$");
        json.allowKeys(top, "$", Set.of("project", "description", "flags"));
        String project = top.has("project") ? json.string(top.get("project"), "$.project") : "default";
        JsonArray flagsJson = json.array(json.required(top, "$", "flags"), "$.flags");
        if (flagsJson.isEmpty()) {
            throw json.fail("$.flags", "declares no flag");
        }
        List<FlagDefinition> flags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < flagsJson.size(); i++) {
            FlagDefinition flag = flag(flagsJson.get(i), "$.flags[" + i + "]");
            if (!names.add(flag.name())) {
                throw json.fail("$.flags[" + i + "].name", "flag \"" + flag.name() + "\" is declared twice");
            }
            flags.add(flag);
        }
        return new FlagsFile(json.source(), project, flags);
    }

    private FlagDefinition flag(JsonElement element, String path) {
        JsonObject o = json.object(element, path);
        String name = json.matching(json.required(o, path, "name"), path + ".name", FLAG_NAME, "a flag name");
        String where = path + " (" + name + ")";
        json.allowKeys(o, where, Set.of("name", "type", "description", "readBy", "enabled", "strategies"));
        String type = json.oneOf(json.required(o, where, "type"), where + ".type", TYPES);
        String description = json.nonEmpty(json.required(o, where, "description"), where + ".description");
        List<String> readBy = o.has("readBy") ? json.strings(o.get("readBy"), where + ".readBy", false) : List.of();
        boolean enabled = json.bool(json.required(o, where, "enabled"), where + ".enabled");
        JsonArray strategiesJson = json.array(json.required(o, where, "strategies"), where + ".strategies");
        if (strategiesJson.isEmpty()) {
            throw json.fail(where + ".strategies", "needs at least one strategy (Unleash turns an empty list into 100% on)");
        }
        List<StrategyDefinition> strategies = new ArrayList<>();
        for (int i = 0; i < strategiesJson.size(); i++) {
            strategies.add(strategy(strategiesJson.get(i), where + ".strategies[" + i + "]"));
        }
        return new FlagDefinition(name, type, description, readBy, enabled, strategies);
    }

    private StrategyDefinition strategy(JsonElement element, String path) {
        JsonObject o = json.object(element, path);
        json.allowKeys(o, path, Set.of("name", "title", "parameters", "constraints", "variants"));
        String name = json.oneOf(json.required(o, path, "name"), path + ".name", STRATEGIES);
        String title = o.has("title") ? json.string(o.get("title"), path + ".title") : null;
        Map<String, String> parameters = "flexibleRollout".equals(name)
                ? rolloutParameters(json.required(o, path, "parameters"), path + ".parameters")
                : noParameters(o, path);
        List<ConstraintDefinition> constraints = new ArrayList<>();
        if (o.has("constraints")) {
            JsonArray array = json.array(o.get("constraints"), path + ".constraints");
            for (int i = 0; i < array.size(); i++) {
                constraints.add(constraint(array.get(i), path + ".constraints[" + i + "]"));
            }
        }
        List<VariantDefinition> variants = o.has("variants") ? variants(o.get("variants"), path + ".variants") : List.of();
        return new StrategyDefinition(name, title, parameters, constraints, variants);
    }

    private Map<String, String> rolloutParameters(JsonElement element, String path) {
        JsonObject o = json.object(element, path);
        json.allowKeys(o, path, Set.of("rollout", "stickiness", "groupId"));
        JsonElement rolloutJson = json.required(o, path, "rollout");
        String rolloutText = rolloutJson.isJsonPrimitive() ? rolloutJson.getAsJsonPrimitive().getAsString() : "";
        int rollout;
        try {
            rollout = Integer.parseInt(rolloutText);
        } catch (NumberFormatException e) {
            throw json.fail(path + ".rollout", "must be a whole percentage 0..100, got " + rolloutJson);
        }
        if (rollout < 0 || rollout > 100) {
            throw json.fail(path + ".rollout", "must be a whole percentage 0..100, got " + rollout);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rollout", Integer.toString(rollout));
        parameters.put("stickiness", json.oneOf(json.required(o, path, "stickiness"), path + ".stickiness", STICKINESS));
        parameters.put("groupId", json.nonEmpty(json.required(o, path, "groupId"), path + ".groupId"));
        return parameters;
    }

    private Map<String, String> noParameters(JsonObject o, String path) {
        if (o.has("parameters") && !json.object(o.get("parameters"), path + ".parameters").isEmpty()) {
            throw json.fail(path + ".parameters", "the default strategy takes no parameters");
        }
        return Map.of();
    }

    private ConstraintDefinition constraint(JsonElement element, String path) {
        JsonObject o = json.object(element, path);
        json.allowKeys(o, path, Set.of("contextName", "operator", "values"));
        String contextName = json.oneOf(json.required(o, path, "contextName"), path + ".contextName", CONTEXT_FIELDS);
        String operator = json.oneOf(json.required(o, path, "operator"), path + ".operator", OPERATORS);
        List<String> values = json.strings(json.required(o, path, "values"), path + ".values", true);
        return new ConstraintDefinition(contextName, operator, values);
    }

    private List<VariantDefinition> variants(JsonElement element, String path) {
        JsonArray array = json.array(element, path);
        List<VariantDefinition> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonObject o = json.object(array.get(i), at);
            json.allowKeys(o, at, Set.of("name", "weight"));
            String name = json.matching(json.required(o, at, "name"), at + ".name", VARIANT_NAME, "a variant name");
            if (!names.add(name)) {
                throw json.fail(at + ".name", "variant \"" + name + "\" appears twice");
            }
            int weight = json.integer(json.required(o, at, "weight"), at + ".weight");
            if (weight < 0 || weight > TOTAL_WEIGHT) {
                throw json.fail(at + ".weight", "must be 0.." + TOTAL_WEIGHT + ", got " + weight);
            }
            sum += weight;
            variants.add(new VariantDefinition(name, weight));
        }
        if (!variants.isEmpty() && sum != TOTAL_WEIGHT) {
            throw json.fail(path, "weights sum to " + sum + ", must be " + TOTAL_WEIGHT);
        }
        return variants;
    }
}
