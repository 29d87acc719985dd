package io.tandem.proxy.routing;

import io.tandem.proxy.cluster.Cluster;

/**
 * A routing decision: forward to a cluster, or answer with an error.
 *
 * @param rule    the rule that decided
 * @param cluster where to forward; null when the proxy answers itself
 * @param refusal the answer when not forwarded; null when forwarded
 */
public record Route(Rule rule, Cluster cluster, Refusal refusal) {
    static Route to(Rule rule, Cluster cluster) {
        return new Route(rule, cluster, null);
    }

    static Route refuse(Rule rule, Refusal refusal) {
        return new Route(rule, null, refusal);
    }
}
