package io.tandem.flags;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
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
    void startUpIsBoundedWhenUnleashHangs(@TempDir Path dir) throws Exception {
        // A socket that takes connections (the kernel's backlog) but never answers: each fetch would wait for
        // the 5 s fetch timeout; start-up must give up after its own 500 ms bound and run on flags.json.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            FlagsSettings settings = new FlagsSettings("http://127.0.0.1:" + silent.getLocalPort() + "/api", "", "startup-test",
                    null, "development", Duration.ofSeconds(1), dir.resolve("backup.json"), Duration.ofMillis(500),
                    Duration.ofSeconds(5), null);
            long start = System.nanoTime();
            try (Flags flags = Flags.create(settings)) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took, greaterThanOrEqualTo(Duration.ofMillis(450)));
                assertThat(took, lessThan(Duration.ofMillis(2_500)));
                assertThat(flags.fetchedSinceStart(), is(false));
                assertThat(flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("tandem-drill-user-b")), is(ClusterVariant.B));
            }
        }
    }
}
