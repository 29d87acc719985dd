package io.tandem.cluster;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.store.Stores;

/** The checkout services that run in a cluster JVM, each registered under its own versioned path. */
final class ClusterServices {
    private ClusterServices() {
    }

    static void register(HttpRouting.Builder routing, Config config, Stores stores) {
        routing.get("/v1/cluster", (req, res) -> res.send(
                "{\"cluster\":\"" + config.get("cluster.name").asString().orElse("?") + "\"}"));
    }
}
