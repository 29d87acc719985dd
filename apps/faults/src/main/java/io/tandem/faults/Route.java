package io.tandem.faults;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One listening port forwarded to one upstream, with the toxics set on it. Each accepted connection is a
 * {@link Link} (two virtual-thread {@link Pump}s). Toxics change at run time: pumps read the current set per
 * chunk, and any pump waiting on a toxic (latency, bandwidth, slow close) is woken to re-read it, so clearing
 * heals open connections at once, not after the wait they were in.
 */
final class Route implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Route.class.getName());

    private final RouteSpec spec;
    private final ServerSocket listener;
    private final Duration connectTimeout;
    private final int bufferSize;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread acceptor;
    final LongAdder bytesUpstream = new LongAdder();
    final LongAdder bytesDownstream = new LongAdder();
    final LongAdder bytesDropped = new LongAdder();
    final LongAdder connections = new LongAdder();
    final LongAdder upstreamFailures = new LongAdder();
    private volatile Toxics toxics = Toxics.NONE;
    private volatile boolean closed;

    private Route(RouteSpec spec, ServerSocket listener, Duration connectTimeout, int bufferSize) {
        this.spec = spec;
        this.listener = listener;
        this.connectTimeout = connectTimeout;
        this.bufferSize = bufferSize;
        this.acceptor = Thread.ofVirtual().name("faults-accept-" + spec.name()).start(this::acceptLoop);
    }

    /** Binds the route's port (fails at start-up, not later, when it is taken) and starts accepting. */
    static Route open(RouteSpec spec, Duration connectTimeout, int bufferSize) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(spec.listenHost()), spec.listenPort()), 512);
        return new Route(spec, listener, connectTimeout, bufferSize);
    }

    RouteSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    /** The port it really listens on (the configured one, or the free one picked for 0). */
    int port() {
        return listener.getLocalPort();
    }

    int bufferSize() {
        return bufferSize;
    }

    Toxics toxics() {
        return toxics;
    }

    int activeConnections() {
        return links.size();
    }

    /** Replaces the toxics; a reset toxic resets every open connection now. */
    void set(Toxics next) {
        lock.lock();
        try {
            toxics = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (next.reset()) {
            links.forEach(Link::reset);
        }
        LOG.log(Level.INFO, "route " + spec.name() + ": toxics " + next);
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()}) or until the toxics are no longer {@code seen},
     * whichever comes first.
     */
    void awaitChange(Toxics seen, long deadlineNanos) {
        lock.lock();
        try {
            long left;
            while (toxics == seen && !closed && (left = deadlineNanos - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    void remove(Link link) {
        links.remove(link);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "route " + spec.name() + ": accept failed: " + e.getMessage());
                }
                continue;
            }
            connections.increment();
            Thread.ofVirtual().name("faults-connect-" + spec.name()).start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        if (toxics.reset()) {
            Link.resetQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            // No Nagle on either leg: a proxy that batches small writes would add its own latency to every query.
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(spec.upstream(), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            // The upstream refused or did not answer: the client sees its connection reset, as it would have
            // seen a refusal without the proxy in between.
            upstreamFailures.increment();
            Link.resetQuietly(upstream);
            Link.resetQuietly(client);
            return;
        }
        Link link = new Link(this, client, upstream);
        links.add(link);
        if (closed || toxics.reset()) {
            link.reset();
            return;
        }
        link.start();
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
