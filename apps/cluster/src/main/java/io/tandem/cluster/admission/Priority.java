package io.tandem.cluster.admission;

/** What a request is to admission control, from first served to first refused. */
public enum Priority {
    /** Health, metrics, admin and other probes: never counted, never queued, never refused. */
    PROBE,
    /** Work of a checkout already under way (a valid session key): refused only when the whole limit is taken. */
    IN_FLIGHT,
    /** The start of a new checkout (cart creation, a first address write): refused first, while the cluster is busy. */
    NEW_SESSION;

    /** The label of this priority in metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
