package io.tandem.common.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The one error shape of every Tandem service: {@code {"code":"...","message":"...","hint":"..."}}, plus
 * {@code "field"} when one request field is to blame (400s), so a client can point at it.
 *
 * @param code    stable, machine-readable, UPPER_SNAKE
 * @param message what went wrong, for a person
 * @param hint    what to do about it
 * @param field   the request field at fault, or null
 */
public record ApiError(String code, String message, String hint, String field) {
    public JsonObject toJson() {
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder()
                .add("code", code)
                .add("message", message == null ? "" : message)
                .add("hint", hint == null ? "" : hint);
        if (field != null) {
            json.add("field", field);
        }
        return json.build();
    }
}
