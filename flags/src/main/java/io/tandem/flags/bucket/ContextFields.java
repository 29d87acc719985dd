package io.tandem.flags.bucket;

/** Stickiness as Unleash's engine resolves it. */
public final class ContextFields {
    private ContextFields() {
    }

    /**
     * The value a stickiness setting hashes: "default" (or none) is the user id, else the session id; a named field
     * otherwise. Null means the engine draws at random.
     */
    public static String stickinessValue(String stickiness, UnleashFields context) {
        if (stickiness == null || "default".equals(stickiness)) {
            return context.userId() != null ? context.userId() : context.sessionId();
        }
        return switch (stickiness) {
            case "userId" -> context.userId();
            case "sessionId" -> context.sessionId();
            default -> context.field(stickiness);
        };
    }
}
