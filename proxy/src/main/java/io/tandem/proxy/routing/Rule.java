package io.tandem.proxy.routing;

import java.util.Locale;

/** Which routing rule decided a request: the metric label {@code rule}. */
public enum Rule {
    /** Rejected before anything else: body framing in doubt or header lines over the limits. */
    BAD_FRAMING,
    /** Rejected before routing: no or bad bearer token. */
    UNAUTHENTICATED,
    /** Rejected before routing: body over the size limit. */
    TOO_LARGE,
    /** Rule 2: ATC to the primary. */
    ATC,
    /** Rule 2: ATC answered by the proxy while {@code atc_disabled} is on. */
    ATC_DISABLED,
    /** Rule 3: address writes to the primary. */
    ADDRESS_WRITE,
    /** Rule 2/3 while the primary is down. */
    PRIMARY_DOWN,
    /** Rule 4: a valid session key, to its cluster. */
    SESSION,
    /** Rule 4: a valid session key whose cluster is down: the checkout must restart. */
    SESSION_RESTART,
    /** Rule 4: an order's status while its cluster cannot be reached: ask again later. */
    ORDER_STATUS_UNAVAILABLE,
    /** Rule 5: a new session while every cluster sheds new sessions: refused by the proxy. */
    OVERLOADED,
    /** Rule 5: no session key. */
    NEW_SESSION,
    /** Rule 5 for a key that failed verification (forged, malformed, expired): routed as a new session. */
    INVALID_KEY;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** Lower-case name, as used in metrics. */
    public String label() {
        return label;
    }
}
