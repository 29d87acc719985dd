package io.tandem.flags.pure;

/** A flag definition that uses something the pure evaluator does not implement; the engine must answer. */
public final class UnsupportedFlagException extends RuntimeException {
    UnsupportedFlagException(String reason) {
        super(reason, null, false, false);
    }
}
