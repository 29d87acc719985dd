package io.tandem.flags.sync;

/** A call to the Unleash admin API failed; the message is meant for the operator. */
public final class UnleashAdminException extends RuntimeException {
    UnleashAdminException(String message) {
        super(message);
    }
}
