package io.tandem.common.api;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Field validation that always names the field: every failure is a 400 {@code INVALID_FIELD} whose
 * {@code field} is the JSON name and whose message says what was expected.
 */
public final class Fields {
    private Fields() {
    }

    /** Unknown fields are refused: a typo ("quantitiy") must not silently fall back to a default. */
    public static void onlyKnown(JsonObject body, Set<String> known) {
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badField(name, "unknown field; expected one of " + known);
            }
        }
    }

    public static String string(JsonObject body, String field, int minLength, int maxLength, Pattern format,
                                String formatName) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badField(field, "required");
        }
        return checkString(field, value, minLength, maxLength, format, formatName);
    }

    /** Absent or null: returns null. */
    public static String optionalString(JsonObject body, String field, int minLength, int maxLength, Pattern format,
                                        String formatName) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return checkString(field, value, minLength, maxLength, format, formatName);
    }

    public static int integer(JsonObject body, String field, int min, int max) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badField(field, "required");
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw ApiException.badField(field, "must be an integer between " + min + " and " + max);
        }
        BigDecimal number = ((JsonNumber) value).bigDecimalValue();
        if (number.stripTrailingZeros().scale() > 0) {
            throw ApiException.badField(field, "must be a whole number");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.badField(field, "must be between " + min + " and " + max);
        }
        return number.intValueExact();
    }

    public static boolean optionalBoolean(JsonObject body, String field, boolean fallback) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw ApiException.badField(field, "must be true or false");
    }

    /** A path or query parameter with a format; a bad one is a 400 naming it. */
    public static String param(String name, String value, int maxLength, Pattern format) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badField(name, "required");
        }
        if (value.length() > maxLength || !format.matcher(value).matches()) {
            throw ApiException.badField(name, "must match " + format.pattern() + " (at most " + maxLength + " chars)");
        }
        return value;
    }

    private static String checkString(String field, JsonValue value, int minLength, int maxLength, Pattern format,
                                      String formatName) {
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.badField(field, "must be a string");
        }
        String text = ((JsonString) value).getString().strip();
        int length = text.codePointCount(0, text.length());
        if (length < minLength || length > maxLength) {
            throw ApiException.badField(field, "length must be between " + minLength + " and " + maxLength);
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiException.badField(field, "must not contain control characters");
        }
        if (format != null && !format.matcher(text).matches()) {
            throw ApiException.badField(field, "must be " + formatName);
        }
        return text;
    }
}
