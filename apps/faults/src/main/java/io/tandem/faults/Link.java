package io.tandem.faults;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One proxied connection: the client's socket, the upstream's socket and a pump each way. A side that closes
 * is passed on as a half-close (the other pump keeps going until its side closes too), as TCP would.
 */
final class Link {
    private final Route route;
    private final Socket client;
    private final Socket upstream;
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final AtomicBoolean closed = new AtomicBoolean();

    Link(Route route, Socket client, Socket upstream) {
        this.route = route;
        this.client = client;
        this.upstream = upstream;
    }

    void start() {
        Thread.ofVirtual().name("faults-up-" + route.name())
                .start(new Pump(route, this, client, upstream, Pump.Direction.UPSTREAM));
        Thread.ofVirtual().name("faults-down-" + route.name())
                .start(new Pump(route, this, upstream, client, Pump.Direction.DOWNSTREAM));
    }

    /** One direction ended cleanly: tell its destination, and close both once both directions ended. */
    void halfClose(Socket destination) {
        try {
            destination.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (openDirections.decrementAndGet() == 0) {
            close();
        }
    }

    /** Both sides see a TCP RST (SO_LINGER 0 then close), not an orderly FIN. */
    void reset() {
        if (closed.compareAndSet(false, true)) {
            resetQuietly(client);
            resetQuietly(upstream);
            route.remove(this);
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(upstream);
            route.remove(this);
        }
    }

    static void resetQuietly(Socket socket) {
        try {
            if (!socket.isClosed() && socket.isConnected()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // closed below either way
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
