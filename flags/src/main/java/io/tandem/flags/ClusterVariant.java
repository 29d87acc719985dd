package io.tandem.flags;

/** The variants of {@link TandemFlags#CLUSTER_ROUTING}: the cluster a new checkout session starts on. */
public enum ClusterVariant {
    /** Cluster A, the primary. Unleash variant {@code a}. */
    A,
    /** Cluster B, the secondary. Unleash variant {@code b}. */
    B;

    /** The Unleash variant name ({@code a} or {@code b}), also the cluster name in session keys. */
    public String id() {
        return VariantFlag.variantName(this);
    }
}
