package io.tandem.flags.bucket;

import io.tandem.flags.FlagContext;

/** Unleash context field names mapped onto {@link FlagContext}, as Unleash's engine resolves them. */
public final class ContextFields {
    private ContextFields() {
    }

    /** The value of a named context field, null when the context has none. */
    public static String value(String contextName, FlagContext context) {
        return switch (contextName) {
            case "userId" -> context.userId();
            case "sessionId" -> context.sessionId();
            case "appName" -> context.app();
            case "environment" -> context.environment();
            case FlagContext.CLUSTER_PROPERTY -> context.cluster();
            default -> null;
        };
    }

    /**
     * The value a stickiness setting hashes: "default" (or none) is the user id, else the session id; null means
     * Unleash falls back to a random draw.
     */
    public static String stickinessValue(String stickiness, FlagContext context) {
        if (stickiness == null || "default".equals(stickiness)) {
            return context.userId() != null ? context.userId() : context.sessionId();
        }
        if ("random".equals(stickiness)) {
            return null;
        }
        return value(stickiness, context);
    }

    /** Whether this class can resolve the field exactly as the engine would for a Tandem context. */
    public static boolean isKnown(String contextName) {
        return switch (contextName) {
            case "userId", "sessionId", "appName", "environment", "remoteAddress", FlagContext.CLUSTER_PROPERTY -> true;
            default -> false;
        };
    }
}
