package io.tandem.proxy.identity;

import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.common.config.Config;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;

/**
 * Who is calling: verifies the bearer JWT (signature, expiry, issuer, audience) and yields the user id the
 * services read from {@code X-User-Id}. Config node {@code identity.jwt}:
 * <ul>
 *     <li>{@code algorithm}: {@code HS256} (with {@code secret}) or {@code RS256} (with {@code public-key}, PEM
 *     or bare base64 X.509; {@code private-key}, PKCS#8, only where tokens are minted);</li>
 *     <li>{@code issuer}, {@code audience}: required claims when set;</li>
 *     <li>{@code user-claim}: claim holding the user id, default {@value #DEFAULT_USER_CLAIM};</li>
 *     <li>{@code leeway}: clock skew allowed on exp/nbf/iat, default {@link #DEFAULT_LEEWAY};</li>
 *     <li>{@code token-ttl}: lifetime of minted tokens, default {@link #DEFAULT_TOKEN_TTL};</li>
 *     <li>{@code cache-size}: verified tokens remembered (expiry still checked on each use), default
 *     {@value #DEFAULT_CACHE_SIZE}, 0 to turn off.</li>
 * </ul>
 */
public final class Identity {
    /** Clock skew tolerated between the token issuer and the proxy. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    /** Standard subject claim. */
    public static final String DEFAULT_USER_CLAIM = "sub";
    /** Lifetime of a token minted for local use. */
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(12);
    /** Verified tokens remembered, so a session's repeated calls skip parsing and signature checks. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** Longest user id passed on: it ends up in a header and in bucket hashing. */
    public static final int MAX_USER_ID_LENGTH = 128;
    private static final String BEARER = "bearer ";

    private final JWTVerifier verifier;
    private final Algorithm signer;
    private final String issuer;
    private final String audience;
    private final String userClaim;
    private final Duration tokenTtl;
    private final long leewayMillis;
    private final int cacheSize;
    // Only successes are cached (a caller cannot fill it without valid tokens); keyed by the whole token, so a
    // hit is the very same signed content. Expiry is checked on every hit.
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    private Identity(Algorithm verifying, Algorithm signer, String issuer, String audience, String userClaim,
                     Duration leeway, Duration tokenTtl, int cacheSize) {
        var builder = JWT.require(verifying).acceptLeeway(leeway.toSeconds()).withClaimPresence("exp");
        if (issuer != null) {
            builder.withIssuer(issuer);
        }
        if (audience != null) {
            builder.withAudience(audience);
        }
        this.verifier = builder.build();
        this.signer = signer;
        this.issuer = issuer;
        this.audience = audience;
        this.userClaim = userClaim;
        this.tokenTtl = tokenTtl;
        this.leewayMillis = leeway.toMillis();
        this.cacheSize = cacheSize;
    }

    /**
     * Reads {@code identity.jwt}.
     *
     * @param config the {@code identity.jwt} node
     * @return the verifier
     * @throws IllegalArgumentException if keys are missing or bad
     */
    public static Identity create(Config config) {
        String algorithm = config.get("algorithm").asString().orElse("HS256").toUpperCase(Locale.ROOT);
        Algorithm verifying;
        Algorithm signing;
        switch (algorithm) {
            case "HS256" -> {
                String secret = config.get("secret").asString()
                        .orElseThrow(() -> new IllegalArgumentException("identity.jwt.secret is required for HS256"));
                if (secret.length() < 32) {
                    throw new IllegalArgumentException("identity.jwt.secret must be at least 32 characters");
                }
                verifying = Algorithm.HMAC256(secret);
                signing = verifying;
            }
            case "RS256" -> {
                RSAPublicKey publicKey = config.get("public-key").asString().map(Identity::publicKey)
                        .orElseThrow(() -> new IllegalArgumentException("identity.jwt.public-key is required for RS256"));
                RSAPrivateKey privateKey = config.get("private-key").asString().map(Identity::privateKey).orElse(null);
                verifying = Algorithm.RSA256(publicKey, null);
                signing = privateKey == null ? null : Algorithm.RSA256(publicKey, privateKey);
            }
            default -> throw new IllegalArgumentException("identity.jwt.algorithm must be HS256 or RS256: " + algorithm);
        }
        return new Identity(verifying, signing,
                config.get("issuer").asString().orElse(null),
                config.get("audience").asString().orElse(null),
                config.get("user-claim").asString().orElse(DEFAULT_USER_CLAIM),
                config.get("leeway").as(Duration.class).orElse(DEFAULT_LEEWAY),
                config.get("token-ttl").as(Duration.class).orElse(DEFAULT_TOKEN_TTL),
                config.get("cache-size").asInt().orElse(DEFAULT_CACHE_SIZE));
    }

    /**
     * Verifies an {@code Authorization} header.
     *
     * @param authorization the header value, null if absent
     * @return the user, or why not
     */
    public Result verify(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Result.failed("missing bearer token");
        }
        String token = authorization.substring(BEARER.length()).trim();
        long now = System.currentTimeMillis();
        Verified known = cache.get(token);
        if (known != null) {
            if (now < known.validUntil()) {
                return Result.ok(known.userId());
            }
            cache.remove(token);
            return Result.failed("token expired");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return Result.failed("token expired");
        } catch (JWTVerificationException e) {
            return Result.failed("invalid token");
        }
        String user = jwt.getClaim(userClaim).asString();
        if (!validUserId(user)) {
            return Result.failed("token has no usable " + userClaim + " claim");
        }
        Instant notBefore = jwt.getNotBeforeAsInstant();
        if (cacheSize > 0 && (notBefore == null || notBefore.toEpochMilli() <= now)) {
            if (cache.size() >= cacheSize) {
                cache.clear();
            }
            cache.put(token, new Verified(user, jwt.getExpiresAtAsInstant().toEpochMilli() + leewayMillis));
        }
        return Result.ok(user);
    }

    /**
     * Mints a token, for local use ({@code proxy/bin/token}) and tests.
     *
     * @param userId the user
     * @param ttl    lifetime; null for the configured {@code token-ttl}
     * @return the signed JWT
     * @throws IllegalStateException if no signing key is configured
     */
    public String mint(String userId, Duration ttl) {
        if (signer == null) {
            throw new IllegalStateException("No signing key configured (identity.jwt.private-key for RS256)");
        }
        if (!validUserId(userId)) {
            throw new IllegalArgumentException("Bad user id: " + userId);
        }
        Instant now = Instant.now();
        var builder = JWT.create().withClaim(userClaim, userId).withIssuedAt(now)
                .withExpiresAt(now.plus(ttl == null ? tokenTtl : ttl));
        if (issuer != null) {
            builder.withIssuer(issuer);
        }
        if (audience != null) {
            builder.withAudience(audience);
        }
        return builder.sign(signer);
    }

    static boolean validUserId(String user) {
        if (user == null || user.isEmpty() || user.length() > MAX_USER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("identity.jwt.public-key is not an RSA public key", e);
        }
    }

    private static RSAPrivateKey privateKey(String pem) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("identity.jwt.private-key is not a PKCS#8 RSA private key", e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private record Verified(String userId, long validUntil) {
    }

    /**
     * Outcome of a verification.
     *
     * @param userId the user when verified, else null
     * @param error  why not, else null
     */
    public record Result(String userId, String error) {
        static Result ok(String userId) {
            return new Result(userId, null);
        }

        static Result failed(String error) {
            return new Result(null, error);
        }

        public boolean verified() {
            return userId != null;
        }
    }
}
