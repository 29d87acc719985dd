package io.tandem.flags.pure;

import com.google.gson.JsonObject;
import io.tandem.flags.bucket.UnleashFields;

import java.util.List;
import java.util.Set;

/** An IN / NOT_IN constraint, compared case-sensitively as the engine does (caseInsensitive applies to STR_ ops only). */
final class PureConstraint {
    private final String contextName;
    private final boolean in;
    private final boolean inverted;
    private final Set<String> values;

    private PureConstraint(String contextName, boolean in, boolean inverted, Set<String> values) {
        this.contextName = contextName;
        this.in = in;
        this.inverted = inverted;
        this.values = values;
    }

    static PureConstraint compile(JsonObject c) {
        String operator = Json.optString(c, "operator");
        if (!"IN".equals(operator) && !"NOT_IN".equals(operator)) {
            throw new UnsupportedFlagException("constraint operator " + operator);
        }
        String contextName = Json.optString(c, "contextName");
        if (contextName == null || "currentTime".equals(contextName)) {
            throw new UnsupportedFlagException("a constraint on " + contextName);
        }
        List<String> values = Json.strings(c.get("values"));
        for (String v : values) {
            if (v.indexOf('"') >= 0 || v.indexOf('\\') >= 0) {
                throw new UnsupportedFlagException("constraint values with quotes or backslashes");
            }
        }
        return new PureConstraint(contextName, "IN".equals(operator), Json.optBoolean(c, "inverted"), Set.copyOf(values));
    }

    boolean holds(UnleashFields context) {
        String value = context.field(contextName);
        boolean result = in
                ? value != null && values.contains(value)
                : value == null || !values.contains(value);
        return result != inverted;
    }
}
