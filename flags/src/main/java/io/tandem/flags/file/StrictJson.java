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
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict JSON reading for hand-written files: every refusal names the source, the JSON path and the problem. */
final class StrictJson {
    private final String source;

    StrictJson(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    JsonElement readTree(String json) {
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

    FlagsFileException fail(String path, String what) {
        return new FlagsFileException(source + ": " + path + ": " + what);
    }

    void allowKeys(JsonObject o, String path, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw fail(path, "unknown key \"" + key + "\" (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    JsonElement required(JsonObject o, String path, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw fail(path, "missing \"" + key + "\"");
        }
        return e;
    }

    JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw fail(path, "must be an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    JsonArray array(JsonElement e, String path) {
        if (!e.isJsonArray()) {
            throw fail(path, "must be an array, got " + e);
        }
        return e.getAsJsonArray();
    }

    String string(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw fail(path, "must be a string, got " + e);
        }
        return e.getAsString();
    }

    String nonEmpty(JsonElement e, String path) {
        String s = string(e, path);
        if (s.isBlank()) {
            throw fail(path, "must not be empty");
        }
        return s;
    }

    String matching(JsonElement e, String path, Pattern pattern, String what) {
        String s = string(e, path);
        if (!pattern.matcher(s).matches()) {
            throw fail(path, "\"" + s + "\" is not " + what + " (" + pattern.pattern() + ")");
        }
        return s;
    }

    String oneOf(JsonElement e, String path, Set<String> allowed) {
        String s = string(e, path);
        if (!allowed.contains(s)) {
            throw fail(path, "\"" + s + "\" is not one of " + allowed.stream().sorted().toList());
        }
        return s;
    }

    boolean bool(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw fail(path, "must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    int integer(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw fail(path, "must be a whole number, got " + e);
        }
        try {
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException ex) {
            throw fail(path, "must be a whole number, got " + e);
        }
    }

    List<String> strings(JsonElement e, String path, boolean nonEmptyList) {
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
