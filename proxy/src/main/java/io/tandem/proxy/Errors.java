package io.tandem.proxy;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.proxy.routing.Refusal;

/** Answers in the house error shape {@code {"code","message","hint"}}; never a stack trace. */
final class Errors {
    private static final io.helidon.http.Header JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

    private Errors() {
    }

    static void send(ServerResponse res, Refusal refusal) {
        send(res, refusal.status(), refusal.code(), refusal.message(), refusal.hint(), refusal.retryAfterSeconds());
    }

    static void send(ServerResponse res, int status, String code, String message, String hint, int retryAfterSeconds) {
        res.status(Status.create(status));
        res.header(JSON);
        if (retryAfterSeconds > 0) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        res.send(Json.error(code, message, hint).getBytes(StandardCharsets.UTF_8));
    }
}
