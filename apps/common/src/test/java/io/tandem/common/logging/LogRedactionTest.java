package io.tandem.common.logging;

import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** What must never be printed is masked; the rest of the text is left as it was. */
class LogRedactionTest {
    @AfterEach
    void forget() {
        LogRedaction.clearSecrets();
    }

    @Test
    void bearerCredentialsAndJwtsAreMasked() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
        assertThat(LogRedaction.redact("Authorization: Bearer " + jwt), is("Authorization: ***"));
        assertThat(LogRedaction.redact("sent bearer abc.def-123 upstream"), is("sent bearer *** upstream"));
        assertThat(LogRedaction.redact("token " + jwt + " expired"), is("token *** expired"));
        assertThat(LogRedaction.redact("authorization=Basic dXNlcjpwYXNz, next"), is("authorization=***, next"));
    }

    @Test
    void cardTokensAreMaskedWhereverTheyAppear() {
        assertThat(LogRedaction.redact("{\"cartId\":\"a-1\",\"cardToken\":\"tok_visa\",\"expectedTotalCents\":1999}"),
                is("{\"cartId\":\"a-1\",\"cardToken\":\"***\",\"expectedTotalCents\":1999}"));
        assertThat(LogRedaction.redact("declined: tok_insufficient_funds."), is("declined: ***."));
        // not a token: part of another word
        assertThat(LogRedaction.redact("mytok_visa"), is("mytok_visa"));
    }

    @Test
    void theValueAfterASecretsNameIsMasked() {
        assertThat(LogRedaction.redact("jdbc:mysql://127.0.0.1:13306/tandem?user=tandem_app&password=s3cret&sslMode=DISABLED"),
                is("jdbc:mysql://127.0.0.1:13306/tandem?user=tandem_app&password=***&sslMode=DISABLED"));
        assertThat(LogRedaction.redact("DB_ADMIN_PASSWORD=hunter2 set"), is("DB_ADMIN_PASSWORD=*** set"));
        assertThat(LogRedaction.redact("session.secret: abcdefghij"), is("session.secret: ***"));
        assertThat(LogRedaction.redact("{\"token\": \"xyz\"}"), is("{\"token\": \"***\"}"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String[] plain = {
                "order 0MXYZ12345678-A step pay done: PAID (41 ms)",
                "Cluster a: UP -> DOWN (3 failed probes)",
                "3 tokens left in the bucket, password policy unchanged",
                "outbox row 17 published to order.confirmed/0@12",
        };
        for (String text : plain) {
            assertThat(LogRedaction.redact(text), is(text));
        }
        assertThat(LogRedaction.redact(null), is((String) null));
    }

    @Test
    void everySecretOfTheConfigIsMaskedAnywhereInATextShortOnesAreNot() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "db.primary.connection.password", "app-password-1",
                "session.secret", "session-secret-of-32-characters!!",
                "admin.token", "admin-token-xyz",
                "unleash.token", "default:development.secret",
                "cache.password", "abc",
                "catalog.url", "http://127.0.0.1:8301")));
        LogRedaction.addSecretsFrom(config);

        assertThat(LogRedaction.redact("connect failed as tandem_app/app-password-1 to http://127.0.0.1:8301"),
                is("connect failed as tandem_app/*** to http://127.0.0.1:8301"));
        assertThat(LogRedaction.redact("mac key session-secret-of-32-characters!! in use"), is("mac key *** in use"));
        assertThat(LogRedaction.redact("X-Admin admin-token-xyz"), is("X-Admin ***"));
        assertThat(LogRedaction.redact("client default:development.secret"), is("client ***"));
        // under MIN_SECRET_LENGTH: masking it would garble ordinary words
        assertThat(LogRedaction.redact("abc def"), is("abc def"));
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        LogRedaction.addSecrets(List.of("secret-a", "secret-a-longer"));
        assertThat(LogRedaction.redact("x secret-a-longer y"), is("x *** y"));
    }
}
