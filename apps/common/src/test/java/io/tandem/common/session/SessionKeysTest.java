package io.tandem.common.session;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionKeysTest {
    private static final String SECRET = "test-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SessionKeys keys = SessionKeys.create(config(Map.of("secret", SECRET)), clock);

    @Test
    void issuedKeyVerifiesWithItsClusterAndExpiry() {
        String raw = keys.issue("b");
        assertThat(raw, raw.matches("b\\.\\d+\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"), is(true));
        SessionKey key = keys.verify(raw).orElseThrow();
        assertThat(key.cluster(), is("b"));
        assertThat(key.expiresAt(), is(NOW.plus(SessionKeys.DEFAULT_TTL)));
        assertThat(raw.split("\\.")[2], is(key.id()));
    }

    @Test
    void keysAreUnique() {
        assertThat(keys.issue("a"), not(keys.issue("a")));
    }

    @Test
    void forgedKeySignedWithAnotherSecretIsRefused() {
        SessionKeys other = SessionKeys.create(config(Map.of("secret", "another-secret-987654321")), clock);
        assertThat(keys.verify(other.issue("a")), is(Optional.empty()));
    }

    @Test
    void keyMadeByHandWithoutTheSecretIsRefused() {
        String body = "a." + NOW.plusSeconds(3600).getEpochSecond() + ".AAAAAAAAAAAAAAAAAAAAAA";
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        assertThat(keys.verify(body + "." + mac), is(Optional.empty()));
    }

    @Test
    void wrongClusterLetterIsRefused() {
        String raw = keys.issue("a");
        assertThat(keys.verify("b" + raw.substring(1)), is(Optional.empty()));
    }

    @Test
    void unknownClusterIsRefusedEvenWhenSignedWithTheSecret() {
        String body = "c." + NOW.plusSeconds(3600).getEpochSecond() + ".AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(keys.verify(body + "." + hmac(SECRET, body)), is(Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> keys.issue("c"));
    }

    @Test
    void handSignedKeyWithTheRightSecretIsAccepted() {
        // Guards the test above: the same construction with a known cluster does verify.
        String body = "a." + NOW.plusSeconds(3600).getEpochSecond() + ".AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(keys.verify(body + "." + hmac(SECRET, body)).map(SessionKey::cluster), is(Optional.of("a")));
    }

    @Test
    void tamperedExpiryIdOrMacIsRefused() {
        String raw = keys.issue("a");
        String[] p = raw.split("\\.");
        long later = Long.parseLong(p[1]) + 86_400;
        assertThat(keys.verify(p[0] + "." + later + "." + p[2] + "." + p[3]), is(Optional.empty()));
        assertThat(keys.verify(p[0] + "." + p[1] + "." + flip(p[2]) + "." + p[3]), is(Optional.empty()));
        assertThat(keys.verify(p[0] + "." + p[1] + "." + p[2] + "." + flip(p[3])), is(Optional.empty()));
    }

    @Test
    void expiredKeyIsRefused() {
        String raw = keys.issue("a");
        clock.now = NOW.plus(SessionKeys.DEFAULT_TTL).minusSeconds(1);
        assertThat(keys.verify(raw).isPresent(), is(true));
        clock.now = NOW.plus(SessionKeys.DEFAULT_TTL);
        assertThat(keys.verify(raw), is(Optional.empty()));
    }

    @Test
    void ttlComesFromConfig() {
        SessionKeys shortLived = SessionKeys.create(config(Map.of("secret", SECRET, "ttl", "PT5M")), clock);
        String raw = shortLived.issue("a");
        clock.now = NOW.plus(Duration.ofMinutes(5));
        assertThat(shortLived.verify(raw), is(Optional.empty()));
    }

    @Test
    void malformedKeysAreRefused() {
        String raw = keys.issue("a");
        String[] p = raw.split("\\.");
        String[] bad = {
                null, "", ".", "...", "a", "a.b.c", raw + ".", "." + raw, raw + ".x",
                p[0] + "." + p[1] + "." + p[2],                          // no MAC
                p[0] + ".-1." + p[2] + "." + p[3],                       // expiry not digits
                p[0] + ".1e9." + p[2] + "." + p[3],
                p[0] + "." + p[1] + "." + p[2] + "=." + p[3],            // padding
                p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "=",
                p[0] + "." + p[1] + "." + p[2] + "." + p[3].substring(1),  // short MAC
                p[0] + "." + p[1] + "." + p[2] + "." + p[3].replace(p[3].charAt(5), '+'),
                "A" + raw.substring(1),                                  // cluster case
                raw + "x".repeat(5000),
        };
        for (String b : bad) {
            assertThat("key " + b, keys.verify(b), is(Optional.empty()));
        }
    }

    @Test
    void previousSecretStillVerifiesDuringRotation() {
        String old = keys.issue("a");
        Map<String, String> rotated = new HashMap<>();
        rotated.put("secret", "the-new-secret-abcdefgh");
        rotated.put("previous-secrets.0", SECRET);
        SessionKeys next = SessionKeys.create(config(rotated), clock);
        assertThat(next.verify(old).isPresent(), is(true));
        assertThat(keys.verify(next.issue("a")), is(Optional.empty()));
    }

    @Test
    void missingOrShortSecretFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.create(config(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.create(config(Map.of("secret", "short"))));
    }

    private static String flip(String s) {
        char c = s.charAt(0);
        return (c == 'A' ? 'B' : 'A') + s.substring(1);
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
