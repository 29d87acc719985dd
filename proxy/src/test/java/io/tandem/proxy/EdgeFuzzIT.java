package io.tandem.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A fuzzing campaign at the edge, repeatable and bounded: raw requests generated from a fixed seed (framing,
 * methods, paths with encodings, header names and values, bodies that lie about their length, slowloris-style
 * slow heads and bodies) sent to the deployed proxy in front of the real clusters. Passes when no answer is a
 * 5xx, every 4xx is in the house shape, no cluster changes health, and the proxy's memory stays bounded. Prints
 * the counts by status. Knobs (system properties): {@code tandem.fuzz.seed} (default {@value #DEFAULT_SEED}),
 * {@code tandem.fuzz.count} ({@value #DEFAULT_COUNT} requests), {@code tandem.fuzz.seconds} ({@value #DEFAULT_SECONDS}
 * s at most), {@code tandem.fuzz.slow} ({@value #DEFAULT_SLOW} slow connections held open alongside).
 */
class EdgeFuzzIT {
    static final long DEFAULT_SEED = 20261130L;
    static final int DEFAULT_COUNT = 1200;
    static final int DEFAULT_SECONDS = 90;
    static final int DEFAULT_SLOW = 24;
    /** Growth of the proxy's resident memory over the campaign that still counts as bounded. */
    static final long MAX_RSS_GROWTH_KIB = 192 * 1024;
    private static final int WORKERS = 4;
    private static final Pattern HOUSE = Pattern.compile(
            "\\{\"code\":\"[A-Z0-9_]+\",\"message\":\"[^\"]*\",\"hint\":\"[^\"]*\"(,\"field\":\"[^\"]*\")?}");

    private final long seed = Long.getLong("tandem.fuzz.seed", DEFAULT_SEED);
    private final int count = Integer.getInteger("tandem.fuzz.count", DEFAULT_COUNT);
    private final int seconds = Integer.getInteger("tandem.fuzz.seconds", DEFAULT_SECONDS);
    private final int slow = Integer.getInteger("tandem.fuzz.slow", DEFAULT_SLOW);

    /** One generated request: what it is (for the report), its bytes in pieces, the pause between pieces. */
    record Case(String kind, List<byte[]> pieces, long pauseMillis, boolean halfClose, boolean head) {
    }

    @Test
    void theEdgeHoldsUnderAFuzzingCampaign() throws Exception {
        EdgeEnv env = new EdgeEnv();
        List<String> bearers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bearers.add(env.bearer("fuzz-" + i));
        }
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(generate(random, bearers));
        }
        List<Case> slowCases = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            slowCases.add(slowCase(random, bearers));
        }
        TreeMap<String, Double> healthBefore = env.healthCounters();
        long rssBefore = env.proxyRssKib();
        AtomicLong rssMax = new AtomicLong(rssBefore);
        Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger sent = new AtomicInteger();

        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        // Slow connections held open beside the fast ones (slowloris): each dribbles a whole request.
        for (Case c : slowCases) {
            pool.submit(() -> run(env, c, byStatus, byKind, failures));
        }
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rssMax.accumulateAndGet(env.proxyRssKib(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < cases.size() && System.nanoTime() < deadline) {
                    run(env, cases.get(i), byStatus, byKind, failures);
                    sent.incrementAndGet();
                }
            }));
        }
        for (var worker : workers) {
            worker.get();
        }
        pool.shutdown();
        pool.awaitTermination(Math.max(30, seconds), TimeUnit.SECONDS);
        pool.shutdownNow();
        // Past the active health interval: a transition the campaign caused would show now.
        Thread.sleep(2500);
        sampler.interrupt();
        long rssAfter = env.proxyRssKib();
        TreeMap<String, Double> healthAfter = env.healthCounters();

        System.out.println("edge fuzz: seed " + seed + ", " + sent.get() + " of " + count + " requests + " + slow
                + " slow connections in at most " + seconds + " s");
        System.out.println("edge fuzz: counts by status " + new TreeMap<>(byStatus));
        System.out.println("edge fuzz: counts by kind " + new TreeMap<>(byKind));
        System.out.println("edge fuzz: proxy RSS before " + rssBefore / 1024 + " MiB, max " + rssMax.get() / 1024
                + " MiB, after " + rssAfter / 1024 + " MiB; health counters before " + healthBefore + ", after " + healthAfter);
        synchronized (failures) {
            assertThat(String.join("\n", failures.subList(0, Math.min(20, failures.size()))), failures, is(empty()));
        }
        assertThat(healthAfter, is(healthBefore));
        assertThat(healthAfter.get("a:routable"), is(1.0));
        assertThat(healthAfter.get("b:routable"), is(1.0));
        if (rssBefore > 0) {
            assertThat("proxy RSS growth in KiB", rssMax.get() - rssBefore, lessThan(MAX_RSS_GROWTH_KIB));
        }
        assertThat("requests sent", sent.get() > Math.min(count, 200), is(true));
    }

    private static void run(EdgeEnv env, Case c, Map<String, AtomicInteger> byStatus, Map<String, AtomicInteger> byKind,
                            List<String> failures) {
        String outcome;
        try (Socket socket = new Socket("127.0.0.1", env.proxyPort)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                for (int i = 0; i < c.pieces().size(); i++) {
                    if (i > 0 && c.pauseMillis() > 0) {
                        Thread.sleep(c.pauseMillis());
                    }
                    out.write(c.pieces().get(i));
                    out.flush();
                }
                if (c.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The proxy may close on a refusal while the rest is still being written: its answer is still read.
            }
            outcome = read(socket.getInputStream(), c, failures);
        } catch (SocketTimeoutException e) {
            outcome = "no answer";
            failures.add(c.kind() + ": no answer in 15 s");
        } catch (IOException e) {
            outcome = "closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byStatus.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        byKind.computeIfAbsent(c.kind().split(":")[0] + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Reads the first final response; checks it; answers its status as text, or "closed". */
    private static String read(InputStream in, Case c, List<String> failures) throws IOException {
        while (true) {
            String status = line(in);
            if (status == null) {
                return "closed";
            }
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                failures.add(c.kind() + ": not an HTTP/1.1 status line: " + status);
                return "garbled";
            }
            int code = Integer.parseInt(status.substring(9, 12));
            String contentType = null;
            long length = -1;
            boolean chunked = false;
            boolean retryAfter = false;
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, Math.max(0, colon)).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-type" -> contentType = value;
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "retry-after" -> retryAfter = true;
                    default -> { }
                }
            }
            if (code < 200) {
                continue;
            }
            String body = c.head() || code == 204 || code == 304 ? "" : body(in, length, chunked);
            // An answer to HEAD has no body to name its code: a 503 that says when to come back is a shed there.
            boolean headShed = c.head() && code == 503 && retryAfter;
            if (code >= 500 && !shed(code, body) && !headShed) {
                failures.add(c.kind() + ": " + code + " " + body);
            } else if (code >= 400 && !c.head() && (contentType == null || !contentType.startsWith("application/json")
                    || !HOUSE.matcher(body).matches())) {
                failures.add(c.kind() + ": " + code + " not in the house shape: " + contentType + " " + abbreviate(body));
            }
            return Integer.toString(code);
        }
    }

    /**
     * A cluster shedding the campaign's new sessions (admission control), or the proxy refusing them for it, answers
     * on purpose, cheaply, in the house shape: the edge holds. Slow bodies hold an admission slot while they trickle in.
     */
    private static boolean shed(int code, String body) {
        return code == 503 && HOUSE.matcher(body).matches()
                && (body.contains("\"code\":\"CLUSTER_BUSY\"") || body.contains("\"code\":\"OVERLOADED\""));
    }

    private static String body(InputStream in, long length, boolean chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (length >= 0) {
            body.write(in.readNBytes((int) Math.min(length, 1 << 20)));
        } else if (chunked) {
            String size;
            while ((size = line(in)) != null && !size.isEmpty()) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int ch;
        while ((ch = in.read()) != '\n') {
            if (ch < 0) {
                return b.isEmpty() ? null : b.toString();
            }
            if (ch != '\r') {
                b.append((char) ch);
            }
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    // ---- generation: every choice from the seeded Random, so a seed names one campaign ----

    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
            "CONNECT", "FOO", "get", "G ET", "", "P\u00d6ST", "POST\t", "X".repeat(300)};
    private static final String[] PATHS = {"/v1/buynow/carts", "/v1/addresses", "/v1/orders", "/v1/carts/me/items",
            "/v1/cluster", "/v1/orders/T-1", "/observe/health", "/proxy/admin/clusters", "/admin/knobs", "/"};
    private static final String[] PATH_MUTATIONS = {"", "/..", "/%2e%2e", "/%2E%2e/admin", "/./x", "//double",
            "/%00", "/%ZZ", "/%", "/%F0%9F%98%80", "/\u00e9", "/a b", "?q=%00&x=\u00ff", "?" + "q".repeat(3000),
            "#frag", "/" + "s".repeat(5000), ";jsessionid=1", "/%2F..%2F", "\\..\\"};
    private static final String[] TE = {"chunked", "Chunked", " chunked", "chunked ", "gzip, chunked", "chunked, identity",
            "xchunked", "identity", "chunked\u000b", ""};
    private static final String[] LENGTHS = {"-1", "+5", "0x10", "1e3", "5 5", "5,5", "99999999999999999999", "", " 5",
            "5\u0000"};

    private static Case generate(Random r, List<String> bearers) {
        String bearer = bearers.get(r.nextInt(bearers.size()));
        String method = r.nextInt(3) == 0 ? METHODS[r.nextInt(METHODS.length)] : (r.nextBoolean() ? "POST" : "GET");
        String path = PATHS[r.nextInt(PATHS.length)] + (r.nextInt(3) == 0 ? PATH_MUTATIONS[r.nextInt(PATH_MUTATIONS.length)] : "");
        if (r.nextInt(30) == 0) {
            path = r.nextBoolean() ? "*" : "http://evil.example" + path;
        }
        String version = r.nextInt(25) == 0 ? new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "http/1.1", "HTTP/9"}[r.nextInt(5)]
                : "HTTP/1.1";
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        boolean auth = r.nextInt(8) != 0;
        if (r.nextInt(20) != 0) {
            head.append("Host: ").append(r.nextInt(15) == 0 ? "shop:notaport" : "shop").append("\r\n");
        }
        if (auth) {
            head.append("Authorization: ").append(r.nextInt(15) == 0 ? bearer.substring(0, bearer.length() - 3) + "xyz" : bearer)
                    .append("\r\n");
        }
        String kind;
        byte[] body = new byte[0];
        List<byte[]> pieces = new ArrayList<>();
        boolean halfClose = false;
        switch (r.nextInt(6)) {
            case 0 -> { // framing
                kind = "framing";
                String json = "{\"productId\":\"P00001\",\"quantity\":1}";
                switch (r.nextInt(8)) {
                    case 0 -> {
                        head.append("Content-Length: ").append(r.nextInt(10)).append("\r\nTransfer-Encoding: chunked\r\n");
                        body = ascii("0\r\n\r\n");
                    }
                    case 1 -> {
                        head.append("Content-Length: 35\r\nContent-Length: ").append(1 + r.nextInt(40)).append("\r\n");
                        body = ascii(json);
                    }
                    case 2 -> {
                        head.append("Content-Length: ").append(LENGTHS[r.nextInt(LENGTHS.length)]).append("\r\n");
                        body = ascii(json);
                    }
                    case 3 -> {
                        head.append("Transfer-Encoding: ").append(TE[r.nextInt(TE.length)]).append("\r\n");
                        body = ascii(Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");
                    }
                    case 4 -> {
                        head.append("Transfer-Encoding: chunked\r\n");
                        String size = new String[] {"zz", "-1", "ffffffffffffffff", "5;ext=1", " 5", "0x5", "", "5 "}[r.nextInt(8)];
                        body = ascii("5\r\nhello\r\n" + size + "\r\nworld\r\n0\r\n\r\n");
                    }
                    case 5 -> head.append("X-Folded: a\r\n").append(r.nextBoolean() ? " " : "\t").append("b\r\n");
                    case 6 -> head.append("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n");
                    default -> head.append("Content-Length: ").append(2L * 1024 * 1024).append("\r\n");
                }
            }
            case 1 -> { // header names and values
                kind = "headers";
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    head.append(headerName(r)).append(':').append(r.nextBoolean() ? " " : "").append(headerValue(r)).append("\r\n");
                }
                if (r.nextInt(6) == 0) {
                    for (int i = 0; i < 120; i++) {
                        head.append("X-Many-").append(i).append(": v\r\n");
                    }
                }
                if (r.nextInt(6) == 0) {
                    head.append("X-Huge: ").append("h".repeat(r.nextBoolean() ? 9000 : 17000)).append("\r\n");
                }
            }
            case 2 -> { // lying bodies
                kind = "lying-body";
                String json = "{\"productId\":\"P00001\",\"quantity\":1}";
                switch (r.nextInt(4)) {
                    case 0 -> { // longer than sent, then the client stops sending
                        head.append("Content-Length: ").append(json.length() + 1 + r.nextInt(500)).append("\r\n");
                        body = ascii(json);
                        halfClose = true;
                    }
                    case 1 -> { // shorter than sent: the rest arrives as a "next request"
                        head.append("Content-Length: ").append(r.nextInt(json.length())).append("\r\n");
                        body = ascii(json + "GARBAGE / HTTP/1.1\r\n\r\n");
                    }
                    case 2 -> { // a chunk longer than its size
                        head.append("Transfer-Encoding: chunked\r\n");
                        body = ascii("3\r\n" + json + "\r\n0\r\n\r\n");
                    }
                    default -> { // chunked, never finished
                        head.append("Transfer-Encoding: chunked\r\n");
                        body = ascii("5\r\nhello\r\n");
                        halfClose = true;
                    }
                }
            }
            case 3 -> { // line endings and odd bytes in the head
                kind = "line-endings";
                String h = head.toString();
                h = switch (r.nextInt(4)) {
                    case 0 -> h.replace("\r\n", "\n");
                    case 1 -> h.replace("\r\n", "\r");
                    case 2 -> h.replaceFirst("\r\n", "\r\n\r\n");
                    default -> h + "\u0000\u0001\u007f\r\n";
                };
                head = new StringBuilder(h);
            }
            case 4 -> { // valid-looking requests with odd bodies
                kind = "body";
                body = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(2048)];
                r.nextBytes(body);
                head.append("Content-Type: ").append(r.nextBoolean() ? "application/json" : "text/plain").append("\r\n");
                head.append("Content-Length: ").append(body.length).append("\r\n");
                if (r.nextInt(5) == 0) {
                    head.append("Expect: 100-continue\r\n");
                }
            }
            default -> { // plain requests on mutated paths and methods
                kind = "target";
                if (method.equals("POST") || method.equals("PUT")) {
                    body = ascii("{}");
                    head.append("Content-Type: application/json\r\nContent-Length: 2\r\n");
                }
            }
        }
        boolean unfinished = r.nextInt(30) == 0;
        // An unfinished head: the client then stops sending (half-close), so the server sees the end of it.
        head.append(unfinished ? "" : "\r\n");
        halfClose |= unfinished;
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (r.nextInt(4) == 0 && headBytes.length > 10) {
            // Split at an arbitrary byte: the head arrives in two TCP writes.
            int at = 1 + r.nextInt(headBytes.length - 1);
            pieces.add(java.util.Arrays.copyOfRange(headBytes, 0, at));
            pieces.add(java.util.Arrays.copyOfRange(headBytes, at, headBytes.length));
        } else {
            pieces.add(headBytes);
        }
        if (body.length > 0) {
            pieces.add(body);
        }
        return new Case(kind + ":" + method + " " + abbreviate(path), pieces, r.nextInt(4) == 0 ? 5 : 0, halfClose,
                method.equals("HEAD"));
    }

    /** A whole request dribbled a few bytes at a time: a slow head, or a slow body. */
    private static Case slowCase(Random r, List<String> bearers) {
        String body = "{\"productId\":\"P00001\",\"quantity\":1}";
        String request = "POST /v1/buynow/carts HTTP/1.1\r\nHost: shop\r\nAuthorization: "
                + bearers.get(r.nextInt(bearers.size())) + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n";
        boolean slowHead = r.nextBoolean();
        List<byte[]> pieces = new ArrayList<>();
        byte[] bytes = ascii(request + body);
        int fast = slowHead ? 0 : request.length();
        if (fast > 0) {
            pieces.add(java.util.Arrays.copyOfRange(bytes, 0, fast));
        }
        for (int i = fast; i < bytes.length; i += 16) {
            pieces.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 16)));
        }
        // 20-40 pieces at 100-250 ms: each request takes a few seconds, under the proxy's 5 s wait on a cluster.
        return new Case((slowHead ? "slow-head" : "slow-body") + ":POST /v1/buynow/carts", pieces,
                slowHead ? 60 + r.nextInt(60) : 100 + r.nextInt(150), false, false);
    }

    private static String headerName(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "X Space";
            case 1 -> "X-\u00e9t\u00e9";
            case 2 -> "";
            case 3 -> "X-Ctl\u0001";
            case 4 -> "X-Request-Id";
            case 5 -> "X-User-Id";
            case 6 -> "Connection";
            default -> "X-" + "n".repeat(1 + r.nextInt(40));
        };
    }

    private static String headerValue(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "\u0000nul";
            case 1 -> "caf\u00e9\u00ff";
            case 2 -> "ctl\u0007\u007f";
            case 3 -> "";
            case 4 -> "v".repeat(r.nextInt(9000));
            case 5 -> "close, X-User-Id, Authorization";
            case 6 -> "admin";
            default -> "req-" + r.nextInt(1000);
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
