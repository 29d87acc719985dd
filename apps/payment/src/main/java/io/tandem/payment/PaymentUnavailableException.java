package io.tandem.payment;

/**
 * The provider could not be reached, timed out, failed or its breaker is open: the outcome is unknown or
 * nothing happened. Safe to try again later with the same idempotency key.
 */
public class PaymentUnavailableException extends RuntimeException {
    public PaymentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public PaymentUnavailableException(String message) {
        super(message);
    }
}
