package io.tandem.proxy.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.common.session.SessionKeys;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class RememberedKeysTest {
    private final SessionKeys keys = SessionKeys.create(Config.just(ConfigSources.create(
            Map.of("secret", "remembered-keys-secret-0123", "ttl", "PT2S"))));

    @Test
    void aRememberedKeyStillExpiresAndForgeriesAreNeverRemembered() throws InterruptedException {
        RememberedKeys remembered = new RememberedKeys(keys, 2);
        String raw = keys.issue("b");
        assertThat(remembered.verify(raw).orElseThrow().cluster(), is("b"));
        assertThat(remembered.verify(raw).orElseThrow().cluster(), is("b"));
        String forged = "a" + raw.substring(1);
        assertThat(remembered.verify(forged), is(Optional.empty()));
        assertThat(remembered.verify(forged), is(Optional.empty()));
        Thread.sleep(Duration.ofSeconds(2).plusMillis(100).toMillis());
        assertThat(remembered.verify(raw), is(Optional.empty()));
    }

    @Test
    void aFullCacheStartsOver() {
        RememberedKeys remembered = new RememberedKeys(keys, 2);
        for (int i = 0; i < 10; i++) {
            String raw = keys.issue(i % 2 == 0 ? "a" : "b");
            assertThat(remembered.verify(raw).isPresent(), is(true));
            assertThat(remembered.verify(raw).isPresent(), is(true));
        }
    }
}
