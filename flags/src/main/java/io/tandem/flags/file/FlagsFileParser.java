package io.tandem.flags.file;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
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

    private final String source;

    FlagsFileParser(String source) {
        this.source = source;
    }

    FlagsFile parse(String json) {
        JsonElement root = readTree(json);
        JsonObject top = object(root, "$");
        allowKeys(top, "$", Set.of("project", "description", "flags"));
        String project = top.has("project") ? string(top.get("project"), "$.project") : "default";
        JsonArray flagsJson = array(required(top, "$", "flags"), "$.flags");
        if (flagsJson.isEmpty()) {
            throw fail("$.flags", "declares no flag");
        }
        List<FlagDefinition> flags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < flagsJson.size(); i++) {
            FlagDefinition flag = flag(flagsJson.get(i), "$.flags[" + i + "]");
            if (!names.add(flag.name())) {
                throw fail("$.flags[" + i + "].name", "flag \"" + flag.name() + "\" is declared twice");
            }
            flags.add(flag);
        }
        return new FlagsFile(source, project, flags);
    }

    private FlagDefinition flag(JsonElement element, String path) {
        JsonObject o = object(element, path);
        String name = matching(required(o, path, "name"), path + ".name", FLAG_NAME, "a flag name");
        String where = path + " (" + name + ")";
        allowKeys(o, where, Set.of("name", "type", "description", "readBy", "enabled", "strategies"));
        String type = oneOf(required(o, where, "type"), where + ".type", TYPES);
        String description = nonEmpty(required(o, where, "description"), where + ".description");
        List<String> readBy = o.has("readBy") ? strings(o.get("readBy"), where + ".readBy", false) : List.of();
        boolean enabled = bool(required(o, where, "enabled"), where + ".enabled");
        JsonArray strategiesJson = array(required(o, where, "strategies"), where + ".strategies");
        if (strategiesJson.isEmpty()) {
            throw fail(where + ".strategies", "needs at least one strategy (Unleash turns an empty list into 100% on)");
        }
        List<StrategyDefinition> strategies = new ArrayList<>();
        for (int i = 0; i < strategiesJson.size(); i++) {
            strategies.add(strategy(strategiesJson.get(i), where + ".strategies[" + i + "]"));
        }
        return new FlagDefinition(name, type, description, readBy, enabled, strategies);
    }

    private StrategyDefinition strategy(JsonElement element, String path) {
        JsonObject o = object(element, path);
        allowKeys(o, path, Set.of("name", "title", "parameters", "constraints", "variants"));
        String name = oneOf(required(o, path, "name"), path + ".name", STRATEGIES);
        String title = o.has("title") ? string(o.get("title"), path + ".title") : null;
        Map<String, String> parameters = "flexibleRollout".equals(name)
                ? rolloutParameters(required(o, path, "parameters"), path + ".parameters")
                : noParameters(o, path);
        List<ConstraintDefinition> constraints = new ArrayList<>();
        if (o.has("constraints")) {
            JsonArray array = array(o.get("constraints"), path + ".constraints");
            for (int i = 0; i < array.size(); i++) {
                constraints.add(constraint(array.get(i), path + ".constraints[" + i + "]"));
            }
        }
        List<VariantDefinition> variants = o.has("variants") ? variants(o.get("variants"), path + ".variants") : List.of();
        return new StrategyDefinition(name, title, parameters, constraints, variants);
    }

    private Map<String, String> rolloutParameters(JsonElement element, String path) {
        JsonObject o = object(element, path);
        allowKeys(o, path, Set.of("rollout", "stickiness", "groupId"));
        JsonElement rolloutJson = required(o, path, "rollout");
        String rolloutText = rolloutJson.isJsonPrimitive() ? rolloutJson.getAsJsonPrimitive().getAsString() : "";
        int rollout;
        try {
            rollout = Integer.parseInt(rolloutText);
        } catch (NumberFormatException e) {
            throw fail(path + ".rollout", "must be a whole percentage 0..100, got " + rolloutJson);
        }
        if (rollout < 0 || rollout > 100) {
            throw fail(path + ".rollout", "must be a whole percentage 0..100, got " + rollout);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rollout", Integer.toString(rollout));
        parameters.put("stickiness", oneOf(required(o, path, "stickiness"), path + ".stickiness", STICKINESS));
        parameters.put("groupId", nonEmpty(required(o, path, "groupId"), path + ".groupId"));
        return parameters;
    }

    private Map<String, String> noParameters(JsonObject o, String path) {
        if (o.has("parameters") && !object(o.get("parameters"), path + ".parameters").isEmpty()) {
            throw fail(path + ".parameters", "the default strategy takes no parameters");
        }
        return Map.of();
    }

    private ConstraintDefinition constraint(JsonElement element, String path) {
        JsonObject o = object(element, path);
        allowKeys(o, path, Set.of("contextName", "operator", "values"));
        String contextName = oneOf(required(o, path, "contextName"), path + ".contextName", CONTEXT_FIELDS);
        String operator = oneOf(required(o, path, "operator"), path + ".operator", OPERATORS);
        List<String> values = strings(required(o, path, "values"), path + ".values", true);
        return new ConstraintDefinition(contextName, operator, values);
    }

    private List<VariantDefinition> variants(JsonElement element, String path) {
        JsonArray array = array(element, path);
        List<VariantDefinition> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonObject o = object(array.get(i), at);
            allowKeys(o, at, Set.of("name", "weight"));
            String name = matching(required(o, at, "name"), at + ".name", VARIANT_NAME, "a variant name");
            if (!names.add(name)) {
                throw fail(at + ".name", "variant \"" + name + "\" appears twice");
            }
            int weight = integer(required(o, at, "weight"), at + ".weight");
            if (weight < 0 || weight > TOTAL_WEIGHT) {
                throw fail(at + ".weight", "must be 0.." + TOTAL_WEIGHT + ", got " + weight);
            }
            sum += weight;
            variants.add(new VariantDefinition(name, weight));
        }
        if (!variants.isEmpty() && sum != TOTAL_WEIGHT) {
            throw fail(path, "weights sum to " + sum + ", must be " + TOTAL_WEIGHT);
        }
        return variants;
    }

    private JsonElement readTree(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = readValue(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw fail(reader.getPath(), "unexpected content after the top-level object");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new FlagsFileException(source + ": not valid JSON: " + syntaxError(e.getMessage()));
        }
    }

    // Gson's messages carry a hint about lenient parsing and a link; keep the reason and the position.
    private static String syntaxError(String gsonMessage) {
        String m = gsonMessage == null ? "" : gsonMessage.lines().findFirst().orElse("");
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "syntax error");
        return m.isBlank() ? "syntax error" : m;
    }

    // A tree reader that refuses duplicate keys (a second "enabled" silently winning would hide a mistake).
    private JsonElement readValue(JsonReader r) throws IOException {
        switch (r.peek()) {
        case BEGIN_OBJECT -> {
            JsonObject o = new JsonObject();
            r.beginObject();
            while (r.hasNext()) {
                String key = r.nextName();
                if (o.has(key)) {
                    throw fail(r.getPath(), "duplicate key \"" + key + "\"");
                }
                o.add(key, readValue(r));
            }
            r.endObject();
            return o;
        }
        case BEGIN_ARRAY -> {
            JsonArray a = new JsonArray();
            r.beginArray();
            while (r.hasNext()) {
                a.add(readValue(r));
            }
            r.endArray();
            return a;
        }
        case STRING -> {
            return new JsonPrimitive(r.nextString());
        }
        case NUMBER -> {
            return new JsonPrimitive(new BigDecimal(r.nextString()));
        }
        case BOOLEAN -> {
            return new JsonPrimitive(r.nextBoolean());
        }
        case NULL -> {
            r.nextNull();
            return JsonNull.INSTANCE;
        }
        default -> throw fail(r.getPath(), "unexpected " + r.peek());
        }
    }

    private FlagsFileException fail(String path, String what) {
        return new FlagsFileException(source + ": " + path + ": " + what);
    }

    private void allowKeys(JsonObject o, String path, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw fail(path, "unknown key \"" + key + "\" (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonElement required(JsonObject o, String path, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw fail(path, "missing \"" + key + "\"");
        }
        return e;
    }

    private JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw fail(path, "must be an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    private JsonArray array(JsonElement e, String path) {
        if (!e.isJsonArray()) {
            throw fail(path, "must be an array, got " + e);
        }
        return e.getAsJsonArray();
    }

    private String string(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw fail(path, "must be a string, got " + e);
        }
        return e.getAsString();
    }

    private String nonEmpty(JsonElement e, String path) {
        String s = string(e, path);
        if (s.isBlank()) {
            throw fail(path, "must not be empty");
        }
        return s;
    }

    private String matching(JsonElement e, String path, Pattern pattern, String what) {
        String s = string(e, path);
        if (!pattern.matcher(s).matches()) {
            throw fail(path, "\"" + s + "\" is not " + what + " (" + pattern.pattern() + ")");
        }
        return s;
    }

    private String oneOf(JsonElement e, String path, Set<String> allowed) {
        String s = string(e, path);
        if (!allowed.contains(s)) {
            throw fail(path, "\"" + s + "\" is not one of " + allowed.stream().sorted().toList());
        }
        return s;
    }

    private boolean bool(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw fail(path, "must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    private int integer(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw fail(path, "must be a whole number, got " + e);
        }
        try {
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException ex) {
            throw fail(path, "must be a whole number, got " + e);
        }
    }

    private List<String> strings(JsonElement e, String path, boolean nonEmptyList) {
        JsonArray a = array(e, path);
        if (nonEmptyList && a.isEmpty()) {
            throw fail(path, "needs at least one value (Unleash refuses an empty list)");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(nonEmpty(a.get(i), path + "[" + i + "]"));
        }
        return out;
    }
}
