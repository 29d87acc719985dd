package io.tandem.proxy.cluster;

import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.tandem.proxy.upstream.UpstreamPool;

/**
 * One JVM of a cluster (a cluster may run several: envs/local {@code cluster_instances}, replicas in the cloud): its
 * address, its keep-alive connections, and whether requests may go to it. The cluster's {@link ClusterHealth} judges
 * the cluster as a whole; an instance is only in or out of its cluster's rotation: out when its probe finds it
 * unreachable or not ready, or a live request could not reach it; in again at its next ready probe.
 */
public final class Instance {
    private static final Logger LOGGER = Logger.getLogger(Instance.class.getName());

    private final String cluster;
    private final URI uri;
    private final UpstreamPool pool;
    private volatile boolean up = true;

    Instance(String cluster, URI uri, UpstreamPool pool) {
        this.cluster = cluster;
        this.uri = uri;
        this.pool = pool;
    }

    public URI uri() {
        return uri;
    }

    /** Keep-alive connections to this instance. */
    public UpstreamPool pool() {
        return pool;
    }

    /** In its cluster's rotation. */
    public boolean up() {
        return up;
    }

    /** Out of rotation until a ready probe; its idle connections are not worth trying. */
    public void down(String why) {
        if (up) {
            up = false;
            LOGGER.log(Level.INFO, "Cluster " + cluster + " instance " + uri + " out of rotation: " + why);
        }
        pool.clear();
    }

    /** Back in rotation (a ready probe). */
    void ready() {
        if (!up) {
            up = true;
            LOGGER.log(Level.INFO, "Cluster " + cluster + " instance " + uri + " back in rotation");
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
