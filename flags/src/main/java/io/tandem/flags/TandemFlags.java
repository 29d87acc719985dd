package io.tandem.flags;

import java.util.List;

/**
 * Every flag Tandem reads. flags/src/main/resources/flags.json declares the same set (a test keeps them equal);
 * the defaults here answer only when no state is known at all.
 */
public final class TandemFlags {

    /** Kill switch: when on, pricing does not call the offers service and orders go through without discount. */
    public static final BooleanFlag OFFER_KILL_SWITCH = new BooleanFlag("offer_kill_switch", false);

    /** Operational: when on, add-to-cart is answered 503 ATC_DISABLED (with a buy-now hint) by the proxy. */
    public static final BooleanFlag ATC_DISABLED = new BooleanFlag("atc_disabled", false);

    /** Operational: when on, the proxy may take a cluster that health checks mark down out of new-session routing. */
    public static final BooleanFlag AUTO_FAILOVER = new BooleanFlag("auto_failover", true);

    /** Release: variant weights choose a new session's cluster; variant overrides by userId are the whitelist. */
    public static final VariantFlag<ClusterVariant> CLUSTER_ROUTING =
            new VariantFlag<>("cluster_routing", ClusterVariant.class, ClusterVariant.A);

    /**
     * Operational: the cluster that holds the primary role (variant {@code a} or {@code b}): where the proxy sends
     * ATC and address writes, and the one cluster that takes them. {@code b} only after db-a's replica is promoted
     * ({@code ./tandem failover region-a}); back to {@code a} on failback.
     */
    public static final VariantFlag<ClusterVariant> PRIMARY_CLUSTER =
            new VariantFlag<>("primary_cluster", ClusterVariant.class, ClusterVariant.A);

    /** All flags, in the order of the table in DESIGN.md. */
    public static final List<Flag> ALL = List.of(OFFER_KILL_SWITCH, ATC_DISABLED, CLUSTER_ROUTING, AUTO_FAILOVER,
            PRIMARY_CLUSTER);

    private TandemFlags() {
    }
}
