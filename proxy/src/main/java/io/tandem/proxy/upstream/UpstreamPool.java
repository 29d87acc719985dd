package io.tandem.proxy.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to one cluster. Most recently used first, so a few warm connections carry the load;
 * an idle connection is checked (peer closed? expired?) before it is handed out again.
 */
public final class UpstreamPool implements AutoCloseable {
    /** Below the usual server keep-alive timeouts (Helidon, nginx: a minute or more), so we close first. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How late a read timeout may fire (see {@link ReadDeadlines}). */
    public static final Duration DEFAULT_TIMEOUT_CHECK_INTERVAL = ReadDeadlines.DEFAULT_CHECK_INTERVAL;
    /**
     * A connection idle for less than this is handed out without checking whether the cluster closed it (the
     * check costs four system calls). A cluster closes idle connections after many seconds, not this soon; one
     * that restarted in the meantime costs a retry (requests without a body) or a 502.
     */
    static final long CHECK_IDLE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final InetSocketAddress address;
    private final String authority;
    private final int connectTimeoutMillis;
    private final int maxIdle;
    private final long idleTimeoutNanos;
    private final ConcurrentLinkedDeque<UpstreamConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final ReadDeadlines deadlines;
    private volatile boolean closed;

    public UpstreamPool(URI base, Duration connectTimeout, int maxIdle, Duration idleTimeout) {
        this(base, connectTimeout, maxIdle, idleTimeout, DEFAULT_TIMEOUT_CHECK_INTERVAL);
    }

    /**
     * A pool for one cluster.
     *
     * @param base                 the cluster's base URL (plain http)
     * @param connectTimeout       limit on opening a connection
     * @param maxIdle              idle keep-alive connections kept
     * @param idleTimeout          an idle connection older than this is closed
     * @param timeoutCheckInterval how often overdue reads are looked for: a read timeout fires up to this late
     */
    public UpstreamPool(URI base, Duration connectTimeout, int maxIdle, Duration idleTimeout,
                        Duration timeoutCheckInterval) {
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("Cluster URLs are plain http inside the trust boundary: " + base);
        }
        int port = base.getPort() < 0 ? 80 : base.getPort();
        this.address = new InetSocketAddress(base.getHost(), port);
        this.authority = base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + port;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.maxIdle = maxIdle;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.deadlines = new ReadDeadlines(authority, timeoutCheckInterval);
    }

    /** The {@code Host} header value for this cluster. */
    public String authority() {
        return authority;
    }

    /**
     * A connection: an idle one that is still good, else a new one.
     *
     * @return a connection, to {@link #release} or close
     * @throws IOException if a new connection cannot be opened
     */
    public UpstreamConnection acquire() throws IOException {
        return acquire(false);
    }

    /**
     * As {@link #acquire()}; {@code checkAlways}: every idle connection is checked before it is handed out, however
     * briefly it idled. For a request that cannot be sent again (a streamed body) to an instance of a cluster of
     * several, where a connection that died with its instance would cost the client a 502 that another instance could
     * have spared (the check costs a few system calls).
     */
    public UpstreamConnection acquire(boolean checkAlways) throws IOException {
        long now = System.nanoTime();
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            long idleFor = now - c.idleSince();
            if (idleFor < idleTimeoutNanos && ((!checkAlways && idleFor < CHECK_IDLE_AFTER_NANOS) || c.stillOpen())) {
                return c;
            }
            c.close();
        }
        return UpstreamConnection.open(address, connectTimeoutMillis, deadlines);
    }

    /** Returns a connection whose exchange completed cleanly. */
    public void release(UpstreamConnection c) {
        if (closed || idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            c.close();
            return;
        }
        c.idleSince(System.nanoTime());
        idle.offerFirst(c);
    }

    /** Closes idle connections past the idle timeout (called now and then, off the request path). */
    public void evictExpired() {
        long now = System.nanoTime();
        for (UpstreamConnection c : idle) {
            if (now - c.idleSince() >= idleTimeoutNanos && idle.remove(c)) {
                idleCount.decrementAndGet();
                c.close();
            }
        }
    }

    /** Closes every idle connection: after a cluster went down, none of them is worth trying. */
    public void clear() {
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            c.close();
        }
    }

    /** Idle connections held now. */
    public int idle() {
        return idleCount.get();
    }

    @Override
    public void close() {
        closed = true;
        clear();
        deadlines.close();
    }
}
