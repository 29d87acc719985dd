package io.tandem.flags;

import io.tandem.flags.bucket.UnleashFields;

/**
 * Who a flag is evaluated for. Every field may be null; {@link Flags} fills app and environment from its own
 * configuration when they are null. Build one per request: it is small and immutable.
 *
 * @param userId      the user (header {@code X-User-Id}); the stickiness of rollouts and variants
 * @param sessionId   the checkout session key, used when there is no user id
 * @param cluster     the cluster that evaluates ({@code a}/{@code b}), as Unleash context property {@code cluster}
 * @param app         application name
 * @param environment Unleash environment
 */
public record FlagContext(String userId, String sessionId, String cluster, String app, String environment)
        implements UnleashFields {

    /** Context property name under which {@link #cluster()} reaches Unleash (usable in constraints). */
    public static final String CLUSTER_PROPERTY = "cluster";

    private static final FlagContext EMPTY = new FlagContext(null, null, null, null, null);

    /** A context with no user: the flag's global state. */
    public static FlagContext empty() {
        return EMPTY;
    }

    /** A context for one user. */
    public static FlagContext ofUser(String userId) {
        return new FlagContext(userId, null, null, null, null);
    }

    @Override
    public String field(String contextName) {
        return switch (contextName) {
            case "userId" -> userId;
            case "sessionId" -> sessionId;
            case "appName" -> app;
            case "environment" -> environment;
            case CLUSTER_PROPERTY -> cluster;
            default -> null;
        };
    }

    /** A copy with app and environment filled where null, as the Unleash client fills them from its config. */
    public FlagContext withDefaults(String defaultApp, String defaultEnvironment) {
        if (app != null && environment != null) {
            return this;
        }
        return new FlagContext(userId, sessionId, cluster, app != null ? app : defaultApp,
                environment != null ? environment : defaultEnvironment);
    }

    /** A copy with the given session id. */
    public FlagContext withSessionId(String newSessionId) {
        return new FlagContext(userId, newSessionId, cluster, app, environment);
    }

    /** A copy with the given cluster. */
    public FlagContext withCluster(String newCluster) {
        return new FlagContext(userId, sessionId, newCluster, app, environment);
    }
}
