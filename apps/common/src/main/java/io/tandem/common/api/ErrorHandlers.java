package io.tandem.common.api;

import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Backstop for errors that escape {@link Api} (filters, plain handlers, Helidon's own 4xx): they still leave in
 * the one error shape, and a stack trace never reaches a client.
 */
public final class ErrorHandlers {
    private ErrorHandlers() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(req, res, e.toReply()));
        routing.error(HttpException.class, (req, res, e) -> {
            Status status = e.status();
            if (status.code() >= 500) {
                send(req, res, Api.internal(req, e));
                return;
            }
            String code = status.reasonPhrase().toUpperCase().replaceAll("[^A-Z0-9]+", "_");
            send(req, res, new ApiException(status, code, status.reasonPhrase() + ".", "Check the method, path and body.")
                    .toReply());
        });
        routing.error(Throwable.class, (req, res, e) -> send(req, res, Api.internal(req, e)));
    }

    /** An answer to HEAD carries no body (RFC 9110 9.3.2): one left on a kept-alive connection desyncs the next. */
    private static void send(ServerRequest req, ServerResponse res, Reply reply) {
        if (req.prologue().method() == Method.HEAD) {
            res.status(reply.status());
            res.send();
            return;
        }
        Replies.send(reply, res);
    }
}
