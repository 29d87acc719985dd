package io.tandem.common.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.common.config.Config;

/** HMAC-SHA256 session keys; see {@link SessionKeys} for the format. */
final class HmacSessionKeys implements SessionKeys {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int RANDOM_BYTES = 16;
    private static final int RANDOM_CHARS = 22;   // base64url of 16 bytes, unpadded
    private static final int MAC_BYTES = 32;
    private static final int MAC_CHARS = 43;      // base64url of 32 bytes, unpadded
    private static final int MAX_EXPIRY_DIGITS = 12;
    private static final int MAX_CLUSTER_CHARS = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<Mac> macs;          // current secret first; prototypes, cloned per call (Mac is not thread-safe)
    private final Set<String> clusters;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    HmacSessionKeys(List<String> secrets, Set<String> clusters, Duration ttl, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.length() < MIN_SECRET_LENGTH)) {
            throw new IllegalArgumentException("session.secret must be set, at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session.ttl must be positive: " + ttl);
        }
        for (String cluster : clusters) {
            if (!wellFormedCluster(cluster)) {
                throw new IllegalArgumentException("session.clusters: bad cluster name '" + cluster + "'");
            }
        }
        this.macs = secrets.stream().map(HmacSessionKeys::mac).toList();
        this.clusters = Set.copyOf(clusters);
        this.ttl = ttl;
        this.clock = clock;
    }

    static HmacSessionKeys fromConfig(Config config, Clock clock) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.get("secret").asString().orElse(null));
        secrets.addAll(config.get("previous-secrets").asList(String.class).orElse(List.of()));
        List<String> clusters = config.get("clusters").asList(String.class).orElse(DEFAULT_CLUSTERS);
        Duration ttl = config.get("ttl").as(Duration.class).orElse(DEFAULT_TTL);
        return new HmacSessionKeys(secrets, Set.copyOf(clusters), ttl, clock);
    }

    @Override
    public String issue(String cluster) {
        if (!clusters.contains(cluster)) {
            throw new IllegalArgumentException("Unknown cluster '" + cluster + "', expected one of " + clusters);
        }
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String body = cluster + '.' + expiry + '.' + ENCODER.encodeToString(nonce);
        return body + '.' + ENCODER.encodeToString(sign(macs.getFirst(), body));
    }

    @Override
    public Optional<SessionKey> verify(String raw) {
        if (raw == null || raw.length() > MAX_CLUSTER_CHARS + MAX_EXPIRY_DIGITS + RANDOM_CHARS + MAC_CHARS + 3) {
            return Optional.empty();
        }
        int d1 = raw.indexOf('.');
        int d2 = d1 < 0 ? -1 : raw.indexOf('.', d1 + 1);
        int d3 = d2 < 0 ? -1 : raw.indexOf('.', d2 + 1);
        if (d3 < 0 || raw.indexOf('.', d3 + 1) >= 0) {
            return Optional.empty();
        }
        String cluster = raw.substring(0, d1);
        String expiryText = raw.substring(d1 + 1, d2);
        String id = raw.substring(d2 + 1, d3);
        String macText = raw.substring(d3 + 1);
        if (!clusters.contains(cluster) || !digits(expiryText) || id.length() != RANDOM_CHARS
                || macText.length() != MAC_CHARS || !base64Url(id) || !base64Url(macText)) {
            return Optional.empty();
        }
        byte[] presented = DECODER.decode(macText);
        // Re-encoding must give the same text: base64 has several spellings of the last character, and a key
        // must have exactly one.
        if (presented.length != MAC_BYTES || !ENCODER.encodeToString(presented).equals(macText)) {
            return Optional.empty();
        }
        String body = raw.substring(0, d3);
        boolean signed = false;
        for (Mac prototype : macs) {
            // Every secret is tried, so the time taken does not tell which one matched.
            signed |= MessageDigest.isEqual(sign(prototype, body), presented);
        }
        if (!signed) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(expiryText));
        if (!clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new SessionKey(cluster, expiresAt, id));
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sign(Mac prototype, String body) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider cannot clone", e);
        }
        return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean wellFormedCluster(String cluster) {
        if (cluster == null || cluster.isEmpty() || cluster.length() > MAX_CLUSTER_CHARS) {
            return false;
        }
        for (int i = 0; i < cluster.length(); i++) {
            char c = cluster.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > MAX_EXPIRY_DIGITS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean base64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
