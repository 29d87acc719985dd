package io.tandem.flags.pure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Lenient reads of the client API's JSON, where absent and null mean the same. */
final class Json {
    private Json() {
    }

    static String optString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static boolean optBoolean(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && !e.isJsonNull() && e.getAsBoolean();
    }

    static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement v : e.getAsJsonArray()) {
                out.add(v.getAsString());
            }
        }
        return out;
    }
}
