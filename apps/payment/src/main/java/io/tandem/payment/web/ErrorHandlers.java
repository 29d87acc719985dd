package io.tandem.payment.web;

import java.lang.System.Logger.Level;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;

/** Writes every failure in the one error shape; a stack trace never reaches a client (it goes to the log). */
public final class ErrorHandlers {
    private static final System.Logger LOGGER = System.getLogger(ErrorHandlers.class.getName());

    private ErrorHandlers() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(res, e));
        routing.error(Exception.class, (req, res, e) -> {
            LOGGER.log(Level.WARNING, "unhandled error on " + req.prologue().uriPath().path(), e);
            send(res, new ApiException(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL", "the request failed",
                    "try again; if it keeps failing, contact support with the X-Request-Id"));
        });
    }

    public static void send(ServerResponse res, ApiException e) {
        res.status(e.status());
        if (e.retryAfterSeconds() != null) {
            res.header(HeaderNames.RETRY_AFTER, e.retryAfterSeconds());
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.createObjectBuilder()
                .add("code", e.code())
                .add("message", e.getMessage() == null ? "" : e.getMessage())
                .add("hint", e.hint() == null ? "" : e.hint())
                .build().toString());
    }
}
