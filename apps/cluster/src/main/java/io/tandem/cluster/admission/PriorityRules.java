package io.tandem.cluster.admission;

import java.util.List;
import java.util.function.Predicate;

/**
 * Tells a request's {@link Priority} from its method, path and session key only: cheap (no body, no store), so a
 * refusal costs next to nothing. A session key counts only when its MAC verifies: a made-up key buys no priority.
 */
public final class PriorityRules {
    private final List<String> bypass;
    private final List<String> continuations;
    private final Predicate<String> validSessionKey;

    /**
     * @param bypass          paths never counted (probes): a prefix when it ends with '/', else the path itself
     * @param continuations   {@code METHOD /path} that continue a checkout without a session key yet
     * @param validSessionKey whether a raw {@code X-Session-Key} verifies
     */
    public PriorityRules(List<String> bypass, List<String> continuations, Predicate<String> validSessionKey) {
        this.bypass = List.copyOf(bypass);
        this.continuations = List.copyOf(continuations);
        this.validSessionKey = validSessionKey;
    }

    /**
     * @param method     HTTP method
     * @param path       request path (no query)
     * @param sessionKey the {@code X-Session-Key} header, or null
     * @return the request's priority
     */
    public Priority classify(String method, String path, String sessionKey) {
        for (String prefix : bypass) {
            // "/observe/" covers what is under it; "/v1/cluster" is that one path, not "/v1/clusters..."
            if (prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix)) {
                return Priority.PROBE;
            }
        }
        if (sessionKey != null && !sessionKey.isBlank() && validSessionKey.test(sessionKey.strip())) {
            return Priority.IN_FLIGHT;
        }
        return continuations.contains(method + " " + path) ? Priority.IN_FLIGHT : Priority.NEW_SESSION;
    }
}
