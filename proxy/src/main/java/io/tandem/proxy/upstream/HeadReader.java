package io.tandem.proxy.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Buffered reading from a cluster connection: response heads, and the raw bytes the body streams frame.
 */
final class HeadReader {
    /** Longest status or header line accepted. */
    static final int MAX_LINE = 16 * 1024;
    /** Most header lines accepted in one response. */
    static final int MAX_HEADERS = 200;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    HeadReader(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** Whether nothing is left unread in the buffer (a clean end of the last exchange). */
    boolean drained() {
        return pos == limit;
    }

    /**
     * Reads one response head.
     *
     * @return the response, or null for a 1xx interim response that was skipped
     */
    UpstreamResponse readResponse(boolean headRequest) throws IOException {
        String status = line(true);
        if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x status line: " + abbreviate(status));
        }
        boolean http11 = status.charAt(7) == '1';
        int code = parseStatus(status);
        String reason = status.length() > 13 ? status.substring(13) : "";
        List<String> headers = new ArrayList<>(24);
        String line;
        while (!(line = line(false)).isEmpty()) {
            if (headers.size() >= MAX_HEADERS * 2) {
                throw new IOException("Too many response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new IOException("Bad response header line: " + abbreviate(line));
            }
            headers.add(line.substring(0, colon).trim());
            headers.add(line.substring(colon + 1).trim());
        }
        if (code >= 100 && code < 200) {
            if (code == 101) {
                throw new IOException("Cluster switched protocols; upgrades are not proxied");
            }
            return null;
        }
        return frame(code, reason, headers, http11, headRequest);
    }

    private UpstreamResponse frame(int code, String reason, List<String> headers, boolean http11, boolean headRequest)
            throws IOException {
        String transferEncoding = null;
        String contentLength = null;
        String connection = null;
        for (int i = 0; i < headers.size(); i += 2) {
            String name = headers.get(i);
            if (name.equalsIgnoreCase("transfer-encoding")) {
                transferEncoding = transferEncoding == null ? headers.get(i + 1) : transferEncoding + "," + headers.get(i + 1);
            } else if (name.equalsIgnoreCase("content-length")) {
                if (contentLength != null && !contentLength.equals(headers.get(i + 1))) {
                    throw new IOException("Conflicting Content-Length headers");
                }
                contentLength = headers.get(i + 1);
            } else if (name.equalsIgnoreCase("connection")) {
                connection = connection == null ? headers.get(i + 1) : connection + "," + headers.get(i + 1);
            }
        }
        boolean keepAlive = connection == null
                ? http11
                : http11 ? !token(connection, "close") : token(connection, "keep-alive");
        if (headRequest || code == 204 || code == 304) {
            return new UpstreamResponse(code, reason, headers, BodyStreams.empty(), lengthOf(contentLength), keepAlive);
        }
        if (transferEncoding != null) {
            if (!transferEncoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
                // Length is the end of the connection.
                return new UpstreamResponse(code, reason, headers, new BodyStreams.UntilClose(this), -1, false);
            }
            return new UpstreamResponse(code, reason, headers, new BodyStreams.ChunkedInput(this), -1, keepAlive);
        }
        if (contentLength != null) {
            long length = lengthOf(contentLength);
            if (length < 0) {
                throw new IOException("Bad Content-Length: " + abbreviate(contentLength));
            }
            return new UpstreamResponse(code, reason, headers, new BodyStreams.FixedInput(this, length), length, keepAlive);
        }
        return new UpstreamResponse(code, reason, headers, new BodyStreams.UntilClose(this), -1, false);
    }

    /** Reads up to len bytes, from the buffer first; -1 at the end of the connection. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            return in.read(b, off, len);
        }
        if (!fill()) {
            return -1;
        }
        return read(b, off, len);
    }

    /** Bytes that can be read without blocking. */
    int available() throws IOException {
        return (limit - pos) + in.available();
    }

    /** Reads a line ending in LF (CR dropped), as ISO-8859-1. */
    String line(boolean first) throws IOException {
        StringBuilder b = null;
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException(first && b == null ? "Cluster closed the connection before answering"
                        : "Cluster closed the connection mid-head");
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int end = pos;
            boolean complete = pos < limit;
            if (complete) {
                pos++;
            }
            if (b == null && complete) {
                if (end > start && buf[end - 1] == '\r') {
                    end--;
                }
                return new String(buf, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (b == null) {
                b = new StringBuilder(128);
            }
            for (int i = start; i < end; i++) {
                b.append((char) (buf[i] & 0xff));
            }
            if (b.length() > MAX_LINE) {
                throw new IOException("Response line over " + MAX_LINE + " bytes");
            }
            if (complete) {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static int parseStatus(String status) throws IOException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = status.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("Bad status line: " + abbreviate(status));
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private static long lengthOf(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean token(String list, String token) {
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
