package io.tandem.common.api;

/**
 * How a cluster says "busy, not sick" to the transact proxy. A 503 that sheds load (admission control refusing work
 * it has no room for) carries {@link #HEADER} beside {@code Retry-After}: the proxy then throttles new sessions to that
 * cluster ({@code NewSessionThrottle}) and never counts it against the cluster's health. Other deliberate 503s (a
 * flow switched off by a flag, a shared dependency down) carry {@code Retry-After} only.
 */
public final class Shedding {
    /** Response header of a shed request; its value names what was shed (e.g. {@code new-session}). */
    public static final String HEADER = "Tandem-Shed";

    private Shedding() {
    }
}
