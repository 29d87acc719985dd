package io.tandem.common.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;

import jakarta.json.JsonValue;

/**
 * What a handler answers: a status, a JSON body and extra headers. A value, so that the idempotency layer can
 * store the first answer and replay it byte for byte.
 *
 * @param status  HTTP status
 * @param body    JSON body, or null for none
 * @param headers extra headers (Location, Retry-After...)
 */
public record Reply(Status status, JsonValue body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply of(Status status, JsonValue body) {
        return new Reply(status, body, Map.of());
    }

    public static Reply ok(JsonValue body) {
        return of(Status.OK_200, body);
    }

    public static Reply created(JsonValue body) {
        return of(Status.CREATED_201, body);
    }

    public static Reply noContent() {
        return of(Status.NO_CONTENT_204, null);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more);
    }
}
