package io.tandem.payment.web;

import java.io.StringReader;

import io.helidon.webserver.http.ServerRequest;

import io.tandem.common.api.ApiException;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads JSON request bodies strictly: each wrong field is a 400 that names it. */
public final class JsonBodies {
    /** Bodies past this size are refused before parsing. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    private JsonBodies() {
    }

    public static JsonObject object(ServerRequest req) {
        String text = req.content().as(String.class);
        if (text.length() > MAX_BODY_CHARS) {
            throw ApiException.badField("body", "larger than " + MAX_BODY_CHARS + " characters");
        }
        try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badField("body", "must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badField("body", "malformed JSON");
        }
    }

    public static String string(JsonObject body, String field, int maxLength) {
        JsonValue value = body.get(field);
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            throw ApiException.badField(field, "required text");
        }
        if (s.getString().length() > maxLength) {
            throw ApiException.badField(field, "longer than " + maxLength);
        }
        return s.getString();
    }

    public static long longValue(JsonObject body, String field, long min, long max) {
        JsonValue value = body.get(field);
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw ApiException.badField(field, "required whole number");
        }
        long v;
        try {
            v = n.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badField(field, "out of range");
        }
        if (v < min || v > max) {
            throw ApiException.badField(field, "must be " + min + ".." + max);
        }
        return v;
    }
}
