package io.tandem.common.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityAssertionsTest {
    private static final String SECRET = "identity-assertions-test-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static IdentityAssertions at(Instant now, String secret) {
        return new IdentityAssertions(secret, Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signedAssertionVerifiesForItsUserAndRequestOnly() {
        IdentityAssertions a = at(NOW, SECRET);
        String signed = a.sign("alice", "req-1");
        assertThat(a.verify("alice", "req-1", signed), is(true));
        assertThat(a.verify("bob", "req-1", signed), is(false));
        assertThat(a.verify("alice", "req-2", signed), is(false));
        assertThat(a.verify("alice", null, signed), is(false));
        assertThat(a.verify("alice", null, a.sign("alice", null)), is(true));
        assertThat(a.verify("alice", "", a.sign("alice", null)), is(true));
    }

    @Test
    void otherSecretExpiredOrMangledAssertionsFail() {
        String signed = at(NOW, SECRET).sign("alice", "r");
        assertThat(at(NOW, SECRET.replace('0', '1')).verify("alice", "r", signed), is(false));
        assertThat(at(NOW.plusSeconds(29), SECRET).verify("alice", "r", signed), is(true));
        assertThat(at(NOW.plusSeconds(31), SECRET).verify("alice", "r", signed), is(false));
        IdentityAssertions a = at(NOW, SECRET);
        String[] parts = signed.split("\\.");
        // A later expiry under the same MAC, a flipped MAC character, and junk: all refused.
        assertThat(a.verify("alice", "r", parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2]), is(false));
        char c = parts[2].charAt(5);
        assertThat(a.verify("alice", "r", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5)
                + (c == 'A' ? 'B' : 'A') + parts[2].substring(6)), is(false));
        for (String junk : new String[] {null, "", "v1", "v1.", "v1..", "v2." + parts[1] + "." + parts[2],
                "v1.+" + parts[1] + "." + parts[2], "v1.-1." + parts[2], "v1.x." + parts[2], signed + "A", "v1.1.!!!"}) {
            assertThat(String.valueOf(junk), a.verify("alice", "r", junk), is(false));
        }
        assertThat(a.verify(null, "r", signed), is(false));
    }

    @Test
    void aShortOrMissingSecretStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> at(NOW, null));
        assertThrows(IllegalArgumentException.class, () -> at(NOW, "short"));
    }
}
