package io.tandem.payment.web;

import io.helidon.http.Status;

/**
 * A refusal with the house error shape {@code {"code","message","hint"}}; thrown anywhere in a handler and
 * written by {@link ErrorHandlers}. Belongs in tandem-common once its error type lands there.
 */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String code;
    private final String hint;
    private final String retryAfterSeconds;

    public ApiException(Status status, String code, String message, String hint) {
        this(status, code, message, hint, null);
    }

    public ApiException(Status status, String code, String message, String hint, String retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.hint = hint;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 naming the bad field. */
    public static ApiException badField(String field, String problem) {
        return new ApiException(Status.BAD_REQUEST_400, "INVALID_FIELD", field + ": " + problem,
                "fix the field '" + field + "' and send again");
    }

    public static ApiException missingUser() {
        return new ApiException(Status.UNAUTHORIZED_401, "MISSING_USER", "no user on the request",
                "sign in: the proxy sets X-User-Id from your token");
    }

    public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, code, message, "try again shortly",
                Integer.toString(retryAfterSeconds));
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
