package io.tandem.proxy.admin;

import io.tandem.proxy.Json;
import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Clusters;
import io.tandem.proxy.routing.RoutingFlags;

/** The admin endpoints' JSON, written by hand: a few fields, no mapper needed. */
final class AdminJson {
    private AdminJson() {
    }

    static String state(Clusters clusters, RoutingFlags flags) {
        StringBuilder b = new StringBuilder(512).append("{\"clusters\":[");
        boolean first = true;
        for (Cluster c : clusters.all()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"name\":");
            Json.quote(b, c.name());
            b.append(",\"url\":");
            Json.quote(b, c.uri().toString());
            if (c.instances().size() > 1) {
                // A cluster of several JVMs: each one's address and whether it is in rotation (one: the url says all).
                b.append(",\"instances\":[");
                for (int i = 0; i < c.instances().size(); i++) {
                    var instance = c.instances().get(i);
                    b.append(i == 0 ? "" : ",").append("{\"url\":");
                    Json.quote(b, instance.uri().toString());
                    b.append(",\"up\":").append(instance.up()).append('}');
                }
                b.append(']');
            }
            b.append(",\"primary\":").append(c.primary())
                    .append(",\"state\":\"").append(c.health().state()).append('"')
                    .append(",\"routable\":").append(c.health().state().routable())
                    .append(",\"drained\":").append(c.drained())
                    .append(",\"reason\":");
            Json.quote(b, c.health().lastReason());
            var live = c.live().snapshot();
            b.append(",\"weight\":").append(c.weight().weight())
                    .append(",\"weightReason\":");
            Json.quote(b, c.weight().reason());
            b.append(",\"live\":{\"requests\":").append(live.requests())
                    .append(",\"errorRatio\":").append(Math.round(live.errorRatio() * 1000) / 1000.0)
                    .append(",\"shed\":").append(live.shed())
                    .append(",\"p99Ms\":").append(live.latencyMillis(0.99))
                    .append(",\"newSessionRefusalProbability\":")
                    .append(Math.round(clusters.throttle().rejectProbability(live.newSessions()) * 1000) / 1000.0)
                    .append("},\"probeMs\":").append(c.probeTimes().medianMillis());
            b.append('}');
        }
        b.append("],\"routing\":{\"atcDisabled\":").append(flags.atcDisabled())
                .append(",\"autoFailover\":").append(flags.autoFailover())
                .append(",\"flags\":");
        Json.quote(b, flags.describe());
        return b.append("}}").toString();
    }
}
