package io.tandem.common.api;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.Status;

/**
 * A refusal with a status and an {@link ApiError}. Thrown anywhere in a request; turned into the error shape
 * by {@link Api} (or {@link ErrorHandlers} as a backstop). Carries no stack trace: it is an answer, not a bug.
 */
public final class ApiException extends RuntimeException {
    /** 421: the request reached a cluster that does not hold the data (ATC and address writes live on A). */
    public static final Status MISDIRECTED = Status.create(421, "Misdirected Request");

    /** 422: a business refusal (unknown product, out of stock, too many addresses). */
    public static final Status UNPROCESSABLE = Status.create(422, "Unprocessable Content");

    private final Status status;
    private final ApiError error;
    private final Duration retryAfter;

    public ApiException(Status status, String code, String message, String hint) {
        this(status, new ApiError(code, message, hint, null), null);
    }

    private ApiException(Status status, ApiError error, Duration retryAfter) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** 400 that names the field at fault; the message starts with the field name. */
    public static ApiException badField(String field, String problem) {
        return new ApiException(Status.BAD_REQUEST_400,
                new ApiError("INVALID_FIELD", field + ": " + problem, "Fix the field '" + field + "' and send again.", field),
                null);
    }

    /** 422 naming the field at fault. */
    public static ApiException refused(String code, String field, String message, String hint) {
        return new ApiException(UNPROCESSABLE, new ApiError(code, message, hint, field), null);
    }

    public static ApiException badRequest(String code, String message, String hint) {
        return new ApiException(Status.BAD_REQUEST_400, code, message, hint);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(Status.NOT_FOUND_404, code, message, "Check the id; it may have expired.");
    }

    public static ApiException unavailable(String code, String message, String hint, Duration retryAfter) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, new ApiError(code, message, hint, null), retryAfter);
    }

    public static ApiException tooManyRequests(String message, Duration retryAfter) {
        return new ApiException(Status.TOO_MANY_REQUESTS_429,
                new ApiError("RATE_LIMITED", message, "Slow down; retry after the Retry-After seconds.", null),
                retryAfter);
    }

    /** Same error with a Retry-After header. */
    public ApiException retryAfter(Duration after) {
        return new ApiException(status, error, after);
    }

    public Status status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The reply a client gets for this refusal. */
    public Reply toReply() {
        Reply reply = Reply.of(status, error.toJson());
        return retryAfter == null ? reply : reply.withHeader("Retry-After", Replies.retryAfterSeconds(retryAfter));
    }
}
