package io.tandem.proxy.routing;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.tandem.common.session.SessionKey;
import io.tandem.common.session.SessionKeys;
import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Clusters;
import io.tandem.proxy.cluster.NewSessionThrottle;

/**
 * Decides where a proxied request goes; rules in DESIGN.md order (rule 1, the proxy's own paths, is the web
 * server's routing). Pure and allocation-light: flags and health are read from memory.
 */
public final class Router {
    private final Clusters clusters;
    private final PathRules paths;
    private final RememberedKeys keys;
    private final RoutingFlags flags;
    private final NewSessionThrottle throttle;
    private final DoubleSupplier random;

    public Router(Clusters clusters, PathRules paths, SessionKeys keys, RoutingFlags flags) {
        this(clusters, paths, keys, flags, () -> ThreadLocalRandom.current().nextDouble());
    }

    Router(Clusters clusters, PathRules paths, SessionKeys keys, RoutingFlags flags, DoubleSupplier random) {
        this.clusters = clusters;
        this.paths = paths;
        this.keys = new RememberedKeys(keys, RememberedKeys.DEFAULT_SIZE);
        this.flags = flags;
        this.throttle = clusters.throttle();
        this.random = random;
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
                if (cluster.up(autoFailover)) {
                    // Busy or slow, it keeps its sessions: only an unreachable cluster loses them.
                    return Route.to(Rule.SESSION, cluster);
                }
                // A placed order is safe on its cluster: its status is asked again later, never "restart".
                return paths.orderStatus(method, path)
                        ? Route.refuse(Rule.ORDER_STATUS_UNAVAILABLE, Refusal.ORDER_STATUS_UNAVAILABLE)
                        : Route.refuse(Rule.SESSION_RESTART, Refusal.RESTART_CHECKOUT);
            }
            // Never routed on its word: the key is ignored and the user is routed like a new session.
            newSessionRule = Rule.INVALID_KEY;
        }
        Cluster cluster = newSession(userId, autoFailover);
        return cluster != null ? Route.to(newSessionRule, cluster)
                : Route.refuse(Rule.OVERLOADED, Refusal.overloaded(throttle.retryAfterSeconds()));
    }

    /**
     * The cluster a new session of this user starts on: the {@code cluster_routing} variant of the user's bucket,
     * unless its weight (lowered by outlier detection) sends this user's second bucket elsewhere; then any other that
     * takes new sessions. Each is asked in turn whether it has room ({@link NewSessionThrottle}).
     *
     * @return the cluster, or null when every cluster that could take it is shedding new sessions
     */
    Cluster newSession(String userId, boolean autoFailover) {
        Cluster chosen = clusters.get(flags.clusterFor(userId)).orElse(clusters.primary());
        boolean chosenTakes = takesNewSessions(chosen, autoFailover);
        boolean anyTakes = chosenTakes;
        if (chosenTakes && (chosen.weight().weight() > weightBucket(userId) || !anyOtherWeighted(chosen, autoFailover))) {
            if (throttle.admit(chosen, random)) {
                return chosen;
            }
            chosenTakes = false;
        }
        for (Cluster other : clusters.all()) {
            if (alternative(other, chosen, autoFailover)) {
                anyTakes = true;
                if (throttle.admit(other, random)) {
                    return other;
                }
            }
        }
        if (chosenTakes) {
            // The user's bucket is outside the chosen cluster's lowered weight, but no other has room.
            return throttle.admit(chosen, random) ? chosen : null;
        }
        // No cluster takes new sessions: the chosen one answers for itself. Every one shedding: the proxy refuses.
        return anyTakes ? null : chosen;
    }

    private boolean anyOtherWeighted(Cluster chosen, boolean autoFailover) {
        for (Cluster other : clusters.all()) {
            if (alternative(other, chosen, autoFailover)) {
                return true;
            }
        }
        return false;
    }

    /** Another cluster that takes new sessions and has a share of them left. */
    private static boolean alternative(Cluster other, Cluster chosen, boolean autoFailover) {
        return other != chosen && takesNewSessions(other, autoFailover) && other.weight().weight() > 0;
    }

    /**
     * A user's second bucket, 0-99, independent of the {@code cluster_routing} bucket: a cluster at weight w keeps
     * the new sessions of users whose bucket is under w. Stable, so a user's retries land where the first try did.
     */
    static int weightBucket(String userId) {
        int h = userId.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return Math.floorMod(h, 100);
    }

    /** The configured primary is the default; {@code primary_cluster} overrides it when it names a known cluster. */
    private Route toPrimary(Rule rule, boolean autoFailover) {
        String named = flags.primaryCluster();
        Cluster primary = named == null ? clusters.primary() : clusters.get(named).orElse(clusters.primary());
        return primary.up(autoFailover) ? Route.to(rule, primary) : Route.refuse(Rule.PRIMARY_DOWN, Refusal.PRIMARY_DOWN);
    }

    private static boolean takesNewSessions(Cluster cluster, boolean autoFailover) {
        return !cluster.drained() && cluster.up(autoFailover);
    }
}
