package io.tandem.proxy.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One HTTP/1.1 connection to a cluster: writes a request head verbatim (the request target is passed on exactly as
 * the client sent it), streams a body, and reads a response head and body with exact framing. Not thread-safe:
 * one exchange at a time, then back to the pool.
 */
public final class UpstreamConnection implements Closeable {
    private static final int BUFFER = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final SocketChannel channel;
    private final Socket socket;
    private final GuardedInput in;
    private final ReadDeadlines deadlines;
    private final OutputStream rawOut;
    private final HeadReader reader;
    private final byte[] out = new byte[BUFFER];
    private int outPos;
    private boolean reused;
    private long idleSince;

    private UpstreamConnection(SocketChannel channel, ReadDeadlines deadlines) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = new GuardedInput(socket.getInputStream(), channel);
        this.deadlines = deadlines;
        this.rawOut = socket.getOutputStream();
        this.reader = new HeadReader(in, BUFFER);
        deadlines.register(in);
    }

    static UpstreamConnection open(InetSocketAddress address, int connectTimeoutMillis, ReadDeadlines deadlines)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            channel.socket().connect(address, connectTimeoutMillis);
            return new UpstreamConnection(channel, deadlines);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether this connection served an earlier exchange (a failure on it may be a stale keep-alive). */
    public boolean reused() {
        return reused;
    }

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
        reused = true;
    }

    /**
     * Bounds every wait for the cluster (the response head and each gap in its body); a wait past it fails with a
     * {@link java.net.SocketTimeoutException}, up to the pool's check interval late ({@link ReadDeadlines}).
     */
    public void timeout(Duration timeout) {
        in.timeout(timeout);
    }

    /** Writes {@code METHOD target HTTP/1.1}. */
    public void requestLine(String method, String target) throws IOException {
        ascii(method);
        octet(' ');
        ascii(target);
        ascii(" HTTP/1.1");
        bytes(CRLF, 0, 2);
    }

    /** Writes one header line. Values come from parsed header lines, so they hold no CR or LF. */
    public void header(String name, String value) throws IOException {
        ascii(name);
        octet(':');
        octet(' ');
        ascii(value);
        bytes(CRLF, 0, 2);
    }

    /** Ends the head; the body (if any) follows through {@link #fixedBody} or {@link #chunkedBody}. */
    public void endHead() throws IOException {
        bytes(CRLF, 0, 2);
    }

    /** A body of a declared length: exactly that many bytes must be written. */
    public OutputStream fixedBody(long length) {
        return new BodyStreams.FixedOutput(bodySink(), length);
    }

    /** A body of unknown length, sent chunked. */
    public OutputStream chunkedBody() {
        return new BodyStreams.ChunkedOutput(bodySink());
    }

    /** Sends what is buffered. */
    public void flush() throws IOException {
        if (outPos > 0) {
            rawOut.write(out, 0, outPos);
            outPos = 0;
        }
        rawOut.flush();
    }

    /**
     * Reads the response head (skipping 1xx interim responses) and frames its body.
     *
     * @param headRequest whether the request was HEAD (no body follows whatever the headers say)
     * @return the response; its body must be read to the end before the connection can be reused
     * @throws IOException if the cluster closed, timed out, or sent something that is not HTTP/1.1
     */
    public UpstreamResponse readResponse(boolean headRequest) throws IOException {
        while (true) {
            UpstreamResponse response = reader.readResponse(headRequest);
            if (response != null) {
                return response;
            }
        }
    }

    /** Whether an idle connection is still open and silent (the cluster has not closed it). */
    boolean stillOpen() {
        if (!reader.drained()) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        deadlines.unregister(in);
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is best effort; the connection is gone either way.
        }
    }

    private BodyStreams.Sink bodySink() {
        return new BodyStreams.Sink() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                bytes(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                UpstreamConnection.this.flush();
            }
        };
    }

    private void ascii(String s) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            if (outPos == out.length) {
                drain();
            }
            out[outPos++] = (byte) s.charAt(i);
        }
    }

    private void octet(int b) throws IOException {
        if (outPos == out.length) {
            drain();
        }
        out[outPos++] = (byte) b;
    }

    private void bytes(byte[] b, int off, int len) throws IOException {
        if (len > out.length - outPos) {
            drain();
            if (len >= out.length) {
                rawOut.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, out, outPos, len);
        outPos += len;
    }

    private void drain() throws IOException {
        rawOut.write(out, 0, outPos);
        outPos = 0;
    }
}
