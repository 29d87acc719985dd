package io.tandem.proxy.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 body framing on a cluster connection: fixed length, chunked, or until close. */
final class BodyStreams {
    private BodyStreams() {
    }

    static InputStream empty() {
        return new FixedInput(null, 0);
    }

    /** A body that knows whether it was read to its end. */
    interface Framed {
        boolean complete();
    }

    /** Where request body bytes go: the connection's write buffer. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;

        void flush() throws IOException;
    }

    static final class FixedInput extends InputStream implements Framed {
        private final HeadReader reader;
        private long remaining;

        FixedInput(HeadReader reader, long length) {
            this.reader = reader;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = reader.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("Cluster closed the connection with " + remaining + " body bytes unsent");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return remaining == 0 ? 0 : (int) Math.min(remaining, reader.available());
        }

        @Override
        public boolean complete() {
            return remaining == 0;
        }
    }

    static final class ChunkedInput extends InputStream implements Framed {
        private final HeadReader reader;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(HeadReader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                chunkLeft = nextChunkSize();
                if (chunkLeft == 0) {
                    // Trailers are dropped: nothing in Tandem sends them.
                    while (!reader.line(false).isEmpty()) {
                        continue;
                    }
                    done = true;
                    return -1;
                }
            }
            int n = reader.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("Cluster closed the connection mid-chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !reader.line(false).isEmpty()) {
                throw new IOException("Chunk not followed by CRLF");
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return done || chunkLeft == 0 ? 0 : (int) Math.min(chunkLeft, reader.available());
        }

        private long nextChunkSize() throws IOException {
            String line = reader.line(false);
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new IOException("Bad chunk size line");
            }
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("Bad chunk size line", e);
            }
        }

        @Override
        public boolean complete() {
            return done;
        }
    }

    static final class UntilClose extends InputStream implements Framed {
        private final HeadReader reader;

        UntilClose(HeadReader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return reader.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return reader.available();
        }

        @Override
        public boolean complete() {
            return false;
        }
    }

    static final class FixedOutput extends OutputStream {
        private final Sink sink;
        private long remaining;

        FixedOutput(Sink sink, long length) {
            this.sink = sink;
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > remaining) {
                throw new IOException("Body longer than its declared Content-Length");
            }
            sink.write(b, off, len);
            remaining -= len;
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public void close() throws IOException {
            if (remaining != 0) {
                throw new EOFException("Body shorter than its declared Content-Length by " + remaining + " bytes");
            }
        }
    }

    static final class ChunkedOutput extends OutputStream {
        private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CRLF = {'\r', '\n'};
        private final Sink sink;
        private boolean closed;

        ChunkedOutput(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            sink.write(size, 0, size.length);
            sink.write(b, off, len);
            sink.write(CRLF, 0, 2);
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                sink.write(LAST, 0, LAST.length);
            }
        }
    }
}
