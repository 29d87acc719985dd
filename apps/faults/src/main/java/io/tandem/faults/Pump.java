package io.tandem.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies one direction of a {@link Link}, chunk by chunk, through one buffer allocated once per pump. With no toxic
 * set it reads, writes and counts, nothing else. With toxics it applies them per chunk, re-reading the current set
 * after every wait so that a change (above all: clearing) takes effect on open connections at once.
 */
final class Pump implements Runnable {
    /** UPSTREAM: client to upstream (requests); DOWNSTREAM: upstream to client (answers). */
    enum Direction { UPSTREAM, DOWNSTREAM }

    /** Under a bandwidth limit, chunks carry at most 1/20 s of it, so the rate is smooth, not bursts. */
    static final int BANDWIDTH_SLICES_PER_SECOND = 20;

    private final Route route;
    private final Link link;
    private final Socket from;
    private final Socket to;
    private final Direction direction;
    private final LongAdder bytes;
    /** Under a bandwidth limit: when this direction may send again (System.nanoTime()). */
    private long nextFree;

    Pump(Route route, Link link, Socket from, Socket to, Direction direction) {
        this.route = route;
        this.link = link;
        this.from = from;
        this.to = to;
        this.direction = direction;
        this.bytes = direction == Direction.UPSTREAM ? route.bytesUpstream : route.bytesDownstream;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[route.bufferSize()];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                Toxics toxics = route.toxics();
                int n = in.read(buffer, 0, toxics == Toxics.NONE ? buffer.length : chunkLimit(toxics, buffer.length));
                if (n < 0) {
                    break;
                }
                if (route.toxics() != Toxics.NONE) {
                    n = holdChunk(n);
                    if (n < 0) {
                        return;
                    }
                }
                if (n > 0) {
                    out.write(buffer, 0, n);
                    bytes.add(n);
                    throttle(n);
                }
            }
            slowClose();
            link.halfClose(to);
        } catch (IOException e) {
            // A side reset or closed the connection: close the other side too.
            link.close();
        }
    }

    private static int chunkLimit(Toxics toxics, int bufferSize) {
        long rate = toxics.bytesPerSecond();
        return rate == 0 ? bufferSize : (int) Math.max(1, Math.min(bufferSize, rate / BANDWIDTH_SLICES_PER_SECOND));
    }

    /**
     * Applies blackhole and latency to a chunk just read: answers how many bytes to forward (0 when dropped), or -1
     * when the connection was reset meanwhile.
     */
    private int holdChunk(int n) {
        long readAt = System.nanoTime();
        // One draw per chunk: the chunk keeps its place in the jitter range even if the latency changes meanwhile.
        double draw = ThreadLocalRandom.current().nextDouble(-1, 1);
        while (true) {
            Toxics toxics = route.toxics();
            if (toxics.reset()) {
                link.reset();
                return -1;
            }
            if (toxics.blackhole()) {
                route.bytesDropped.add(n);
                return 0;
            }
            long due = readAt + delayNanos(toxics, draw);
            if (System.nanoTime() - due >= 0) {
                return n;
            }
            route.awaitChange(toxics, due);
        }
    }

    private long delayNanos(Toxics toxics, double draw) {
        if (direction != Direction.DOWNSTREAM || (toxics.latencyMs() == 0 && toxics.jitterMs() == 0)) {
            return 0;
        }
        double millis = Math.max(0, toxics.latencyMs() + draw * toxics.jitterMs());
        return (long) (millis * 1_000_000);
    }

    /** Under a bandwidth limit, waits until this direction has paid for the bytes it just sent. */
    private void throttle(int n) {
        Toxics toxics = route.toxics();
        long rate = toxics.bytesPerSecond();
        if (rate == 0) {
            nextFree = 0;
            return;
        }
        long now = System.nanoTime();
        nextFree = Math.max(nextFree, now) + n * TimeUnit.SECONDS.toNanos(1) / rate;
        while (toxics.bytesPerSecond() > 0 && System.nanoTime() - nextFree < 0) {
            route.awaitChange(toxics, nextFree);
            toxics = route.toxics();
        }
    }

    /** The source closed: with slow-close, the destination hears of it that much later. */
    private void slowClose() {
        long readAt = System.nanoTime();
        while (true) {
            Toxics toxics = route.toxics();
            long due = readAt + TimeUnit.MILLISECONDS.toNanos(toxics.slowCloseMs());
            if (toxics.slowCloseMs() == 0 || System.nanoTime() - due >= 0) {
                return;
            }
            route.awaitChange(toxics, due);
        }
    }
}
