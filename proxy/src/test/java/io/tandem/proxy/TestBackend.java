package io.tandem.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP server standing for one cluster: echoes what it received as JSON-ish text, answers its readiness
 * path, and has knobs (status, slowness, streamed bodies, stop/start on the same port).
 */
final class TestBackend implements AutoCloseable {
    static {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final String name;
    private final int port;
    private HttpServer server;
    volatile int readyStatus = 200;
    /** Readiness answers after this long (a slow store behind the probe). */
    volatile long readyDelayMs;
    /**
     * When 0 or more, readiness reports its store check took this long (StoreCheckTimes), answering at once as a
     * cluster does from its last background check.
     */
    volatile long storeCheckMillis = -1;
    /** Every other answer comes after this long (a busy or slow cluster). */
    volatile long delayMs;
    /** Answers 503 + Retry-After + Tandem-Shed to everything but readiness (admission control shedding). */
    volatile boolean shedding;
    volatile int forcedStatus = 0;
    /** Sent with every answer when set: a service refusing on purpose (shedding, a switched-off flow) says when to retry. */
    volatile String retryAfter;
    final AtomicInteger requests = new AtomicInteger();
    volatile Map<String, List<String>> lastHeaders = Map.of();
    volatile String lastBodySha = "";
    volatile long lastBodyBytes;
    /** Counted down when the backend has read the first chunk of a /stream-in body. */
    volatile CountDownLatch firstChunkIn = new CountDownLatch(1);
    /** The backend waits on this between the two halves of a /stream-out body. */
    volatile CountDownLatch releaseSecondHalf = new CountDownLatch(1);

    TestBackend(String name) throws IOException {
        this(name, 0);
    }

    private TestBackend(String name, int port) throws IOException {
        this.name = name;
        this.server = start(port);
        this.port = server.getAddress().getPort();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    void stop() {
        server.stop(0);
    }

    void restart() throws IOException {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                server = start(port);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private HttpServer start(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/observe/health/ready")) {
                sleep(readyDelayMs);
                String checks = storeCheckMillis < 0 ? ""
                        : ",\"checks\":[{\"name\":\"db\",\"status\":\"UP\",\"data\":{\"checkMillis\":" + storeCheckMillis + "}}]";
                send(ex, readyStatus, "{\"status\":\"" + (readyStatus == 200 ? "UP" : "DOWN") + "\"" + checks + "}");
                return;
            }
            requests.incrementAndGet();
            Map<String, List<String>> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
            lastHeaders = headers;
            if (path.equals("/stream-in")) {
                streamIn(ex);
                return;
            }
            if (path.equals("/stream-out")) {
                streamOut(ex);
                return;
            }
            MessageDigest sha = sha256();
            long bytes = 0;
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    sha.update(buf, 0, n);
                    bytes += n;
                }
            }
            lastBodyBytes = bytes;
            lastBodySha = HexFormat.of().formatHex(sha.digest());
            String query = ex.getRequestURI().getRawQuery();
            sleep(delayMs);
            if (shedding) {
                ex.getResponseHeaders().add("Retry-After", "1");
                ex.getResponseHeaders().add(io.tandem.common.api.Shedding.HEADER, "new-session");
                ex.getResponseHeaders().add("X-Backend", name);
                send(ex, 503, "{\"code\":\"OVERLOADED\"}");
                return;
            }
            if (path.startsWith("/slow")) {
                sleep(Long.parseLong(query.substring(query.indexOf('=') + 1)));
            }
            if (path.equals("/big")) {
                big(ex, Long.parseLong(query.substring(query.indexOf('=') + 1)));
                return;
            }
            int status = forcedStatus != 0 ? forcedStatus
                    : path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length())) : 200;
            ex.getResponseHeaders().add("X-Backend", name);
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            ex.getResponseHeaders().add("Keep-Alive", "timeout=60");
            ex.getResponseHeaders().add("X-Hop", "drop me");
            ex.getResponseHeaders().add("Connection", "X-Hop");
            ex.getResponseHeaders().add("Set-Cookie", "one=1");
            ex.getResponseHeaders().add("Set-Cookie", "two=2");
            ex.getResponseHeaders().add("X-Request-Id", ex.getRequestHeaders().getFirst("X-Request-Id"));
            send(ex, status, "cluster=" + name + "\nmethod=" + ex.getRequestMethod() + "\npath=" + path
                    + (query == null ? "" : "?" + query) + "\nbytes=" + bytes + "\nsha=" + lastBodySha + "\n");
        }
    }

    private void streamIn(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] buf = new byte[1024];
        long bytes = in.read(buf);
        firstChunkIn.countDown();
        int n;
        while ((n = in.read(buf)) >= 0) {
            bytes += n;
        }
        lastBodyBytes = bytes;
        send(ex, 200, "bytes=" + bytes);
    }

    private void streamOut(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("first-half\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                releaseSecondHalf.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("second-half\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void big(HttpExchange ex, long bytes) throws IOException {
        ex.sendResponseHeaders(200, 0);   // chunked: length unknown to the proxy
        try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[65536];
            long left = bytes;
            long i = 0;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                for (int j = 0; j < n; j++) {
                    chunk[j] = (byte) (i++ * 31);
                }
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    static byte[] pattern(long bytes) {
        byte[] b = new byte[(int) bytes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ((long) i * 31);
        }
        return b;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
