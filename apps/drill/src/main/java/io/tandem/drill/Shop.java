package io.tandem.drill;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A shop client of the proxy: one JDK HttpClient per loopback source address, so that the clusters' per-IP rate
 * limit (1000 a minute, keyed on the address the proxy puts in X-Forwarded-For) sees many clients, not one.
 */
public final class Shop {
    /** A request's timeout: above the proxy's own 5 s to a cluster, so the proxy answers first. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    public static final int SOURCE_ADDRESSES = 16;

    private final URI base;
    private final Jwt jwt;
    private final List<HttpClient> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public Shop(String baseUrl, Jwt jwt) {
        this(baseUrl, jwt, SOURCE_ADDRESSES);
    }

    /** @param sourceAddresses how many loopback source addresses (127.0.0.2 up) the per-IP rate limit sees */
    public Shop(String baseUrl, Jwt jwt, int sourceAddresses) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.jwt = jwt;
        for (int i = 0; i < sourceAddresses; i++) {
            HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor());
            try {
                builder.localAddress(InetAddress.getByName("127.0.0." + (2 + i)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            clients.add(builder.build());
        }
    }

    /** A user's handle: a token and one source address for all its calls. */
    public Caller caller(String userId) {
        return new Caller(userId, jwt.token(userId), clients.get(Math.floorMod(next.getAndIncrement(), clients.size())));
    }

    /**
     * An answer: status (0 when no answer), the JSON body (empty object when none), the time it took, and the
     * {@code Retry-After} seconds it asked for (-1 when none).
     */
    public record Answer(int status, JsonObject body, long micros, String sessionKeyHeader, long retryAfterSeconds) {
        public Answer(int status, JsonObject body, long micros, String sessionKeyHeader) {
            this(status, body, micros, sessionKeyHeader, -1);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error code and the start of its message, for people. */
        public String detail() {
            String message = body.getString("message", "");
            return code() + (message.isEmpty() ? "" : " (" + (message.length() > 60 ? message.substring(0, 60) + "..." : message) + ")");
        }

        public String code() {
            return body.getString("code", status == 0 ? "NO_ANSWER" : "HTTP_" + status);
        }
    }

    public final class Caller {
        private final String userId;
        private final String token;
        private final HttpClient client;

        Caller(String userId, String token, HttpClient client) {
            this.userId = userId;
            this.token = token;
            this.client = client;
        }

        public String userId() {
            return userId;
        }

        public Answer call(String method, String path, JsonObject body, String sessionKey, String idempotencyKey) {
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (sessionKey != null) {
                req.header("X-Session-Key", sessionKey);
            }
            if (idempotencyKey != null) {
                req.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            } else {
                req.method(method, HttpRequest.BodyPublishers.noBody());
            }
            long start = System.nanoTime();
            try {
                HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - start) / 1000;
                return new Answer(res.statusCode(), parse(res.body()), micros,
                        res.headers().firstValue("X-Session-Key").orElse(null), retryAfter(res));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(0, JsonValue.EMPTY_JSON_OBJECT, (System.nanoTime() - start) / 1000, null);
            } catch (Exception e) {
                return new Answer(0, Json.createObjectBuilder().add("code", "NO_ANSWER")
                        .add("message", String.valueOf(e)).build(), (System.nanoTime() - start) / 1000, null);
            }
        }
    }

    /** Retry-After in seconds (the delta form; the house never sends a date), -1 when absent or unreadable. */
    static long retryAfter(HttpResponse<?> res) {
        try {
            return res.headers().firstValue("Retry-After").map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static JsonObject parse(String text) {
        if (text == null || text.isBlank() || text.charAt(0) != '{') {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
