package io.tandem.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.StringReader;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.helidon.common.config.Config;
import io.helidon.http.Status;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Reply;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import redis.clients.jedis.RedisClient;

/**
 * The {@code Idempotency-Key} rule for writes (DESIGN.md): the first answer is kept ({@code idempotency.ttl},
 * 24 h); a repeat with the same key and the same request gets that answer again (header
 * {@code Idempotent-Replayed: true}); the same key with another method, path or body is a 409
 * {@code IDEMPOTENCY_KEY_REUSED}. Answers of 5xx are not kept, so a retry really runs again.
 * Keys are per user (anonymous callers share one space) and per service.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** How long a claim may stay "running" before a retry may take over (longer than any request). */
    public static final Duration DEFAULT_PENDING_TTL = Duration.ofSeconds(30);
    public static final boolean DEFAULT_REQUIRED = true;
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final IdempotencyStore store;
    private final boolean required;

    public Idempotency(IdempotencyStore store, boolean required) {
        this.store = store;
        this.required = required;
    }

    /** Keys in Redis, from config {@code idempotency.ttl}, {@code idempotency.pending-ttl}, {@code idempotency.required}. */
    public static Idempotency redis(RedisClient redis, Config config) {
        return new Idempotency(new RedisIdempotencyStore(redis,
                config.get("ttl").as(Duration.class).orElse(DEFAULT_TTL),
                config.get("pending-ttl").as(Duration.class).orElse(DEFAULT_PENDING_TTL)),
                config.get("required").asBoolean().orElse(DEFAULT_REQUIRED));
    }

    /**
     * Runs a write under its idempotency key.
     *
     * @param namespace service and user, e.g. {@code cart:u123}
     * @param key       the header value, or null
     * @param method    HTTP method
     * @param path      request path
     * @param body      request body
     * @param write     the write itself
     * @return its reply, or the first reply for this key
     */
    public Reply run(String namespace, String key, String method, String path, byte[] body, Supplier<Reply> write) {
        if (key == null) {
            if (required) {
                throw ApiException.badField(HEADER, "header required on every write (any unique string, e.g. a UUID)");
            }
            return write.get();
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw ApiException.badField(HEADER, "must be 1 to 128 visible ASCII characters");
        }
        String storeKey = "idem:" + namespace + ":" + key;
        String fingerprint = fingerprint(method, path, body);
        IdempotencyStore.Claim claim = store.claim(storeKey, fingerprint);
        return switch (claim) {
            case IdempotencyStore.Claim.Clash c -> throw new ApiException(Status.CONFLICT_409, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for another request.", "Use a new key for a new request.");
            case IdempotencyStore.Claim.InProgress p -> throw new ApiException(Status.CONFLICT_409,
                    "IDEMPOTENCY_KEY_IN_PROGRESS", "A request with this Idempotency-Key is still running.",
                    "Retry in a moment with the same key.").retryAfter(Duration.ofSeconds(1));
            case IdempotencyStore.Claim.Replay r -> replay(r.reply());
            case IdempotencyStore.Claim.Fresh f -> firstRun(storeKey, fingerprint, write);
        };
    }

    private Reply firstRun(String storeKey, String fingerprint, Supplier<Reply> write) {
        Reply reply;
        try {
            reply = write.get();
        } catch (ApiException e) {
            reply = e.toReply();
        } catch (RuntimeException | Error e) {
            store.release(storeKey);
            throw e;
        }
        if (reply.status().code() >= 500) {
            store.release(storeKey);
        } else {
            store.complete(storeKey, fingerprint, new IdempotencyStore.StoredReply(reply.status().code(),
                    reply.body() == null ? "" : reply.body().toString(), headers(reply.headers())));
        }
        return reply;
    }

    private static Reply replay(IdempotencyStore.StoredReply stored) {
        JsonValue body = stored.body().isEmpty() ? null : parse(stored.body());
        Map<String, String> headers = new LinkedHashMap<>();
        if (!stored.headers().isEmpty()) {
            parse(stored.headers()).asJsonObject().forEach((name, value) ->
                    headers.put(name, ((jakarta.json.JsonString) value).getString()));
        }
        headers.put("Idempotent-Replayed", "true");
        return new Reply(Status.create(stored.status()), body, headers);
    }

    private static String headers(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return "";
        }
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder();
        headers.forEach(json::add);
        JsonObject object = json.build();
        return object.toString();
    }

    private static JsonValue parse(String text) {
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
