package io.tandem.payment;

/** The idempotency key was already used for a different payment request. */
public class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException(String key) {
        super("idempotency key already used with another request: " + key);
    }
}
