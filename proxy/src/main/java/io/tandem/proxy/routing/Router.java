package io.tandem.proxy.routing;

import java.util.Optional;

import io.tandem.common.session.SessionKey;
import io.tandem.common.session.SessionKeys;
import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Clusters;

/**
 * Decides where a proxied request goes; rules in DESIGN.md order (rule 1, the proxy's own paths, is the web
 * server's routing). Pure and allocation-light: flags and health are read from memory.
 */
public final class Router {
    private final Clusters clusters;
    private final PathRules paths;
    private final RememberedKeys keys;
    private final RoutingFlags flags;

    public Router(Clusters clusters, PathRules paths, SessionKeys keys, RoutingFlags flags) {
        this.clusters = clusters;
        this.paths = paths;
        this.keys = new RememberedKeys(keys, RememberedKeys.DEFAULT_SIZE);
        this.flags = flags;
    }

    /**
     * Routes one request.
     *
     * @param method     HTTP method, upper case
     * @param path       decoded request path
     * @param sessionKey the {@code X-Session-Key} header, null if absent
     * @param userId     the verified user id
     * @return the decision
     */
    public Route route(String method, String path, String sessionKey, String userId) {
        boolean autoFailover = flags.autoFailover();
        if (paths.atc(path)) {
            if (flags.atcDisabled()) {
                return Route.refuse(Rule.ATC_DISABLED, Refusal.ATC_DISABLED);
            }
            return toPrimary(Rule.ATC, autoFailover);
        }
        if (paths.addressWrite(method, path)) {
            return toPrimary(Rule.ADDRESS_WRITE, autoFailover);
        }
        Rule newSessionRule = Rule.NEW_SESSION;
        if (sessionKey != null && !sessionKey.isEmpty()) {
            Optional<Cluster> owner = keys.verify(sessionKey).map(SessionKey::cluster).flatMap(clusters::get);
            if (owner.isPresent()) {
                Cluster cluster = owner.get();
                return cluster.up(autoFailover)
                        ? Route.to(Rule.SESSION, cluster)
                        : Route.refuse(Rule.SESSION_RESTART, Refusal.RESTART_CHECKOUT);
            }
            // Never routed on its word: the key is ignored and the user is routed like a new session.
            newSessionRule = Rule.INVALID_KEY;
        }
        return Route.to(newSessionRule, newSession(userId, autoFailover));
    }

    /** The cluster a new session of this user starts on. */
    Cluster newSession(String userId, boolean autoFailover) {
        Cluster chosen = clusters.get(flags.clusterFor(userId)).orElse(clusters.primary());
        if (takesNewSessions(chosen, autoFailover)) {
            return chosen;
        }
        for (Cluster other : clusters.all()) {
            if (other != chosen && takesNewSessions(other, autoFailover)) {
                return other;
            }
        }
        // No better place: the chosen cluster answers for itself.
        return chosen;
    }

    private Route toPrimary(Rule rule, boolean autoFailover) {
        Cluster primary = clusters.primary();
        return primary.up(autoFailover) ? Route.to(rule, primary) : Route.refuse(Rule.PRIMARY_DOWN, Refusal.PRIMARY_DOWN);
    }

    private static boolean takesNewSessions(Cluster cluster, boolean autoFailover) {
        return !cluster.drained() && cluster.up(autoFailover);
    }
}
