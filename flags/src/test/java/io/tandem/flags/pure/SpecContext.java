package io.tandem.flags.pure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.getunleash.UnleashContext;
import io.tandem.flags.bucket.UnleashFields;

import java.util.HashMap;
import java.util.Map;

/** A context of the client specification's test cases, for the pure evaluator and for the real client. */
record SpecContext(String userId, String sessionId, String remoteAddress, String environment, String appName,
                   String currentTime, Map<String, String> properties) implements UnleashFields {

    static SpecContext of(JsonObject c) {
        Map<String, String> properties = new HashMap<>();
        if (c.has("properties") && c.get("properties").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : c.getAsJsonObject("properties").entrySet()) {
                if (!e.getValue().isJsonNull()) {
                    properties.put(e.getKey(), e.getValue().getAsString());
                }
            }
        }
        return new SpecContext(s(c, "userId"), s(c, "sessionId"), s(c, "remoteAddress"), s(c, "environment"),
                s(c, "appName"), s(c, "currentTime"), properties);
    }

    @Override
    public String field(String contextName) {
        return switch (contextName) {
            case "userId" -> userId;
            case "sessionId" -> sessionId;
            case "remoteAddress" -> remoteAddress;
            case "environment" -> environment;
            case "appName" -> appName;
            case "currentTime" -> currentTime;
            default -> properties.get(contextName);
        };
    }

    UnleashContext toUnleash() {
        UnleashContext.Builder b = UnleashContext.builder();
        if (userId != null) {
            b.userId(userId);
        }
        if (sessionId != null) {
            b.sessionId(sessionId);
        }
        if (remoteAddress != null) {
            b.remoteAddress(remoteAddress);
        }
        if (environment != null) {
            b.environment(environment);
        }
        if (appName != null) {
            b.appName(appName);
        }
        properties.forEach(b::addProperty);
        return b.build();
    }

    private static String s(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
