package io.tandem.proxy.cluster;

/** What one readiness probe of a cluster found. */
public enum ProbeOutcome {
    /** Answered 2xx: ready. */
    READY,
    /** Answered, but not ready (its stores are down): alive and sick. */
    NOT_READY,
    /** The connection was refused or could not be opened: the cluster is not there. */
    UNREACHABLE,
    /** Connected, but no answer within the probe timeout: busy, slow or hung; only time tells which. */
    UNRESPONSIVE
}
