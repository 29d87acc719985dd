package io.tandem.order.domain;

/**
 * A failure that retrying cannot fix (unknown product, out of stock, card declined): the saga compensates
 * and ends FAILED with this code, message and a hint the client can act on.
 */
public final class StepFailure extends RuntimeException {
    private final String code;
    private final String hint;

    public StepFailure(String code, String message, String hint) {
        super(message, null, false, false);
        this.code = code;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }
}
