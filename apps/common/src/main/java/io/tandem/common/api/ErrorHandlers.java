package io.tandem.common.api;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

/**
 * Backstop for errors that escape {@link Api} (filters, plain handlers, Helidon's own 4xx): they still leave in
 * the one error shape, and a stack trace never reaches a client.
 */
public final class ErrorHandlers {
    private ErrorHandlers() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> Replies.send(e.toReply(), res));
        routing.error(HttpException.class, (req, res, e) -> {
            Status status = e.status();
            if (status.code() >= 500) {
                Replies.send(Api.internal(req, e), res);
                return;
            }
            String code = status.reasonPhrase().toUpperCase().replaceAll("[^A-Z0-9]+", "_");
            Replies.send(new ApiException(status, code, status.reasonPhrase() + ".", "Check the method, path and body.")
                    .toReply(), res);
        });
        routing.error(Throwable.class, (req, res, e) -> Replies.send(Api.internal(req, e), res));
    }
}
