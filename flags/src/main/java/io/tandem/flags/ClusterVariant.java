package io.tandem.flags;

/** The variants of {@link TandemFlags#CLUSTER_ROUTING}: the cluster a new checkout session starts on. */
public enum ClusterVariant {
    /** Cluster A, the primary. Unleash variant {@code a}. */
    A("a"),
    /** Cluster B, the secondary. Unleash variant {@code b}. */
    B("b");

    // Kept, not derived per call: the proxy asks for it on every new session.
    private final String id;

    ClusterVariant(String id) {
        this.id = id;
    }

    /** The Unleash variant name ({@code a} or {@code b}), also the cluster name in session keys. */
    public String id() {
        return id;
    }
}
