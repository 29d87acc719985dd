package io.tandem.drill;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 bearer tokens the proxy accepts (identity.jwt: secret, issuer, audience, claim sub). */
public final class Jwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret;
    private final String issuer;
    private final String audience;

    public Jwt(String secret, String issuer, String audience) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
    }

    public static Jwt of(Env env) {
        return new Jwt(env.get("jwt.secret", Env.DEFAULT_JWT_SECRET), env.get("jwt.issuer", Env.DEFAULT_JWT_ISSUER),
                env.get("jwt.audience", Env.DEFAULT_JWT_AUDIENCE));
    }

    /** A token for a user valid for an hour. */
    public String token(String userId) {
        long now = System.currentTimeMillis() / 1000;
        String header = enc("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = enc("{\"sub\":\"" + userId + "\",\"iss\":\"" + issuer + "\",\"aud\":\"" + audience
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        String signingInput = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
