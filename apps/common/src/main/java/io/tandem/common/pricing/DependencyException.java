package io.tandem.common.pricing;

/** A downstream answered with a server error or could not be read: counts against its breaker. */
public final class DependencyException extends RuntimeException {
    public DependencyException(String message) {
        super(message, null, false, false);
    }
}
