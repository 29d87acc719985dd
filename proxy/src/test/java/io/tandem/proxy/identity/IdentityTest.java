package io.tandem.proxy.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityTest {
    private static final String SECRET = "identity-test-secret-0123456789abcdef";
    private final Identity identity = Identity.create(config(Map.of("secret", SECRET, "issuer", "iss", "audience", "aud")));

    @Test
    void mintedTokenVerifies() {
        Identity.Result r = identity.verify("Bearer " + identity.mint("alice", null));
        assertThat(r.userId(), is("alice"));
        assertThat(identity.verify("bearer " + identity.mint("alice", null)).verified(), is(true));
    }

    @Test
    void refusesWhatIsNotAValidToken() {
        Instant soon = Instant.now().plusSeconds(600);
        String[] bad = {
                null, "", "Bearer", "Bearer ", "Basic YWxpY2U6cHc=", "Bearer a.b.c",
                "Bearer " + identity.mint("alice", Duration.ofMinutes(-2)),                               // expired
                "Bearer " + JWT.create().withSubject("alice").withIssuer("iss").withAudience("aud").withExpiresAt(soon)
                        .sign(Algorithm.HMAC256("another-secret-0123456789abcdefghij")),                 // forged
                "Bearer " + JWT.create().withSubject("alice").withIssuer("other").withAudience("aud").withExpiresAt(soon)
                        .sign(Algorithm.HMAC256(SECRET)),                                                // issuer
                "Bearer " + JWT.create().withSubject("alice").withIssuer("iss").withAudience("other").withExpiresAt(soon)
                        .sign(Algorithm.HMAC256(SECRET)),                                                // audience
                "Bearer " + JWT.create().withSubject("alice").withIssuer("iss").withAudience("aud")
                        .sign(Algorithm.HMAC256(SECRET)),                                                // no expiry
                "Bearer " + JWT.create().withSubject("al ice").withIssuer("iss").withAudience("aud").withExpiresAt(soon)
                        .sign(Algorithm.HMAC256(SECRET)),                                                // odd user id
                "Bearer " + JWT.create().withIssuer("iss").withAudience("aud").withExpiresAt(soon)
                        .sign(Algorithm.HMAC256(SECRET)),                                                // no subject
                "Bearer " + JWT.create().withSubject("alice").withIssuer("iss").withAudience("aud").withExpiresAt(soon)
                        .sign(Algorithm.none()),                                                         // alg none
        };
        for (String header : bad) {
            assertThat(String.valueOf(header), identity.verify(header).verified(), is(false));
        }
    }

    @Test
    void rs256WithPublicKeyVerifiesAndOnlyThePrivateKeyCanMint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String publicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
        String privatePem = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        Map<String, String> values = new HashMap<>(Map.of("algorithm", "RS256", "public-key", publicPem));
        Identity verifyOnly = Identity.create(config(values));
        values.put("private-key", privatePem);
        Identity minting = Identity.create(config(values));

        String token = minting.mint("bob", null);
        assertThat(verifyOnly.verify("Bearer " + token).userId(), is("bob"));
        assertThrows(IllegalStateException.class, () -> verifyOnly.mint("bob", null));
        String hsToken = JWT.create().withSubject("bob").withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.HMAC256(publicPem));
        assertThat("HS256 signed with the public key must not pass", verifyOnly.verify("Bearer " + hsToken).verified(),
                is(false));
        assertThat(verifyOnly.verify("Bearer " + JWT.create().withSubject("bob")
                .withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()))).verified(),
                is(true));
    }

    @Test
    void aRememberedTokenStillExpires() throws InterruptedException {
        Identity noLeeway = Identity.create(config(Map.of("secret", SECRET, "leeway", "PT0S")));
        String header = "Bearer " + noLeeway.mint("dave", Duration.ofSeconds(2));
        assertThat(noLeeway.verify(header).verified(), is(true));
        assertThat(noLeeway.verify(header).verified(), is(true));
        Thread.sleep(2100);
        assertThat(noLeeway.verify(header).error(), is("token expired"));
    }

    @Test
    void badConfigFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> Identity.create(config(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> Identity.create(config(Map.of("secret", "short"))));
        assertThrows(IllegalArgumentException.class, () -> Identity.create(config(Map.of("algorithm", "RS256"))));
        assertThrows(IllegalArgumentException.class, () -> Identity.create(config(Map.of("algorithm", "none", "secret", SECRET))));
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
