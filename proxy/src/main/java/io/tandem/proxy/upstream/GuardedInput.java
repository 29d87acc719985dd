package io.tandem.proxy.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster connection's socket input whose blocking reads carry a deadline that the pool's {@link ReadDeadlines}
 * watchdog enforces (instead of {@code SO_TIMEOUT}: see there why). A read publishes its deadline before it blocks and
 * withdraws it after; the watchdog closes the connection of a read past its deadline, and that read fails with a
 * {@link SocketTimeoutException}. The deadline moves from state to state by compare-and-set, so a read that completed
 * just as the watchdog fired still counts as timed out and the connection is never handed out again.
 */
final class GuardedInput extends InputStream {
    private static final long IDLE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final InputStream in;
    private final Closeable connection;
    private final AtomicLong deadline = new AtomicLong(IDLE);
    private long timeoutNanos;

    GuardedInput(InputStream in, Closeable connection) {
        this.in = in;
        this.connection = connection;
    }

    /** Bounds each following read; zero or never set: reads wait as long as it takes. */
    void timeout(Duration timeout) {
        timeoutNanos = Math.max(1, timeout.toNanos());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (timeoutNanos == 0) {
            return in.read(b, off, len);
        }
        long due = System.nanoTime() + timeoutNanos;
        if (due == IDLE || due == EXPIRED) {
            due = EXPIRED + 1;
        }
        if (deadline.getAndSet(due) == EXPIRED) {
            deadline.set(EXPIRED);
            throw timedOut(null);
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (!deadline.compareAndSet(due, IDLE)) {
                throw timedOut(e);
            }
            throw e;
        }
        if (!deadline.compareAndSet(due, IDLE)) {
            throw timedOut(null);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /**
     * Called by the watchdog: closes the connection if a read waits past its deadline.
     *
     * @return whether it did (the connection is done)
     */
    boolean expireIfDue(long now) {
        long due = deadline.get();
        if (due == IDLE || due == EXPIRED || now - due < 0 || !deadline.compareAndSet(due, EXPIRED)) {
            return false;
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing is best effort; the waiting read fails as a timeout either way.
        }
        return true;
    }

    private SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException(
                "Cluster did not answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
