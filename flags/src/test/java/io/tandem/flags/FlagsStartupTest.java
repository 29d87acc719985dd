package io.tandem.flags;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

class FlagsStartupTest {

    @Test
    void settingsFromConfigWithDefaults() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "unleash.url", "http://example:4242/api",
                "unleash.app-name", "proxy",
                "unleash.startup-timeout", "PT0.5S")));
        FlagsSettings s = FlagsSettings.create(config.get("unleash"));
        assertThat(s.url(), is("http://example:4242/api"));
        assertThat(s.appName(), is("proxy"));
        assertThat(s.startupTimeout(), is(Duration.ofMillis(500)));
        assertThat(s.refresh(), is(FlagsSettings.DEFAULT_REFRESH));
        assertThat(s.environment(), is(FlagsSettings.DEFAULT_ENVIRONMENT));
        assertThat(s.backupFile().getFileName().toString().startsWith("tandem-flags-proxy-"), is(true));
    }

    @Test
    void startUpIsBoundedWhenUnleashIsUnreachable(@TempDir Path dir) {
        // 10.255.255.1 is unroutable: connects hang until the fetch timeout, longer than the start-up bound.
        FlagsSettings settings = new FlagsSettings("http://10.255.255.1:4242/api", "", "startup-test", null,
                "development", Duration.ofSeconds(1), dir.resolve("backup.json"), Duration.ofMillis(500),
                Duration.ofSeconds(5), null);
        long start = System.nanoTime();
        try (Flags flags = Flags.create(settings)) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took.toMillis(), lessThan(2_000L));
            assertThat(flags.fetchedSinceStart(), is(false));
            assertThat(flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("u1")) != null, is(true));
        }
    }
}
