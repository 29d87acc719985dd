package io.tandem.proxy.routing;

/**
 * The flags the proxy routes by, read on every request. Implementations answer from memory (the last state
 * polled from Unleash), in nanoseconds: no network or JNI call on the request path.
 */
public interface RoutingFlags {
    /** {@code atc_disabled}: when on, the proxy answers ATC calls itself with 503 ATC_DISABLED. */
    boolean atcDisabled();

    /** {@code auto_failover}: when on, clusters that health checks mark down are skipped. */
    boolean autoFailover();

    /**
     * The {@code cluster_routing} variant for a new session of this user: a userId override if the user is
     * whitelisted, else the variant the user's bucket falls in.
     *
     * @param userId the verified user id
     * @return a cluster name ({@code a}, {@code b}); the primary's when the flag is off or unknown
     */
    String clusterFor(String userId);

    /**
     * {@code primary_cluster}: the cluster ATC and address writes go to, moved at run time when region A is lost.
     *
     * @return a cluster name, or null to keep the configured primary ({@code proxy.clusters[n].primary})
     */
    default String primaryCluster() {
        return null;
    }

    /** A one-line description of the current routing state, for the admin endpoint. */
    String describe();
}
