package io.tandem.common.server;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;

import io.tandem.common.api.ApiError;

/**
 * Replaces Helidon's default error pages (plain text with the parser's message and a hex dump of the request) for
 * requests that fail before routing: bad prologue, obs-fold or malformed header lines, a header block over
 * {@code max-headers-size}, a body over the payload limit, a bad chunk size. The answer is the house shape
 * {@code {"code","message","hint"}} with a fixed message: nothing the client sent is echoed back; what the parser
 * said goes to the server log only. Every Helidon server of the project applies it in its bootstrap through
 * {@link #apply(WebServerConfig.Builder)}.
 */
public final class HouseErrorPages implements DirectHandler {
    /** 431: RFC 6585, a header block over the server's limit. */
    public static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");
    /** Helidon's message for a header block over {@code max-headers-size} (Http1HeadersParser). */
    private static final String HEADER_SIZE_EXCEEDED = "Header size exceeded";
    private static final System.Logger LOG = System.getLogger(HouseErrorPages.class.getName());

    private static final HouseErrorPages INSTANCE = new HouseErrorPages();

    private HouseErrorPages() {
    }

    /**
     * Sets the house direct handlers on a server (and its default listener).
     *
     * @param builder server builder
     * @return the same builder
     */
    public static WebServerConfig.Builder apply(WebServerConfig.Builder builder) {
        return builder.directHandlers(directHandlers());
    }

    /** The house handler for every event type. */
    public static DirectHandlers directHandlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, INSTANCE);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown, System.Logger logger) {
        boolean headersTooLarge = mentions(thrown, HEADER_SIZE_EXCEEDED);
        Status status = defaultStatus;
        if ((status == null || status.code() == 500) && clientCaused(thrown)) {
            // Helidon reports some malformed input as an internal error (a method or header name with a bad
            // character fails token validation, a missing Host header fails a lookup, a client that closes
            // mid-head ends the reader): the client's fault, answered 400.
            status = Status.BAD_REQUEST_400;
        }
        Answer answer = answer(eventType, status, headersTooLarge);
        Level level = answer.status().code() >= 500 && answer.status().code() != 503 ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "Refused before routing: " + answer.status().code() + " " + answer.code(), thrown);
        return response(answer);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        return response(answer(eventType, defaultStatus, HEADER_SIZE_EXCEEDED.equals(message)));
    }

    /** What a client is told, by what went wrong; package-private for the unit test. */
    static Answer answer(EventType eventType, Status status, boolean headersTooLarge) {
        int code = status == null ? eventType.defaultStatus().code() : status.code();
        if (headersTooLarge || code == 431) {
            return new Answer(HEADERS_TOO_LARGE, "HEADERS_TOO_LARGE", "The request's header block is over this server's limit.",
                    "Send fewer or shorter headers.", false);
        }
        if (code == 414) {
            return new Answer(Status.REQUEST_URI_TOO_LONG_414, "URI_TOO_LONG", "The request line is over this server's limit.",
                    "Send a shorter path and query.", false);
        }
        if (code == 413) {
            return new Answer(Status.REQUEST_ENTITY_TOO_LARGE_413, "REQUEST_TOO_LARGE", "The request body is over this server's limit.",
                    "Send a smaller body.", false);
        }
        if (code == 403) {
            return new Answer(Status.FORBIDDEN_403, "FORBIDDEN", "This request is not allowed.", "Check the path.", false);
        }
        if (code == 503) {
            return new Answer(Status.SERVICE_UNAVAILABLE_503, "OVERLOADED", "The server is at its concurrency limit.",
                    "Retry after the Retry-After seconds.", false);
        }
        if (code >= 500) {
            return new Answer(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL", "Something went wrong on our side.",
                    "Retry later.", false);
        }
        // Any other refusal before routing is a request that is not well-formed HTTP/1.1: its framing is in doubt,
        // so the connection is closed after the answer (what follows on it cannot be trusted to be a request).
        return new Answer(Status.BAD_REQUEST_400, "MALFORMED_REQUEST", "The request is not well-formed HTTP/1.1.",
                "Fix the request line, headers or body framing (RFC 9112) and send it again.", false);
    }

    private static TransportResponse response(Answer answer) {
        byte[] body = new ApiError(answer.code(), answer.message(), answer.hint(), null).toJson().toString()
                .getBytes(StandardCharsets.UTF_8);
        TransportResponse.Builder response = TransportResponse.builder()
                .status(answer.status())
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .keepAlive(answer.keepAlive())
                .entity(body);
        if (answer.status().code() == 503) {
            response.header(HeaderNames.RETRY_AFTER, "1");
        }
        return response.build();
    }

    /** Whether the failure comes from parsing what the client sent, not from the server's own state. */
    static boolean clientCaused(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.util.NoSuchElementException
                    || t instanceof io.helidon.common.buffers.DataReader.InsufficientDataAvailableException
                    || t instanceof io.helidon.common.buffers.DataReader.IncorrectNewLineException
                    || t instanceof io.helidon.http.BadRequestException) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable thrown, String text) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** One answer: status, the house error fields, and whether the connection may stay open. */
    record Answer(Status status, String code, String message, String hint, boolean keepAlive) {
    }
}
