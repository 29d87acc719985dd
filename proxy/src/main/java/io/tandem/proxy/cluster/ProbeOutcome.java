package io.tandem.proxy.cluster;

/** What one readiness probe of a cluster found. */
public enum ProbeOutcome {
    /** Answered 2xx: ready. */
    READY,
    /** Answered ready, but after the probe timeout: alive (busy, cold, or a slow store), not yet healthy. */
    SLOW,
    /** Answered, but not ready (its stores are down): alive and sick. */
    NOT_READY,
    /** The connection was refused or could not be opened: the cluster is not there. */
    UNREACHABLE,
    /** Connected, but no answer at all (waited up to the unresponsive delay): hung, or gone without a word. */
    UNRESPONSIVE
}
