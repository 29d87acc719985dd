package io.tandem.flags.bucket;

/** An evaluation context as Unleash's engine sees it: fields looked up by their Unleash names. */
public interface UnleashFields {

    /** The user id, or null. */
    String userId();

    /** The session id, or null. */
    String sessionId();

    /**
     * A context field by Unleash name: {@code userId}, {@code sessionId}, {@code appName}, {@code environment},
     * {@code remoteAddress}, or else a custom property; null when absent.
     */
    String field(String contextName);
}
