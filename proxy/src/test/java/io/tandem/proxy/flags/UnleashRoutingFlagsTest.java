package io.tandem.proxy.flags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class UnleashRoutingFlagsTest {

    @Test
    void answersExactlyAsUnleashsOwnEngineForTheFlagsFileState() throws Exception {
        Path dir = Files.createTempDirectory("routing-flags");
        // No token: both run on flags.json (whitelist + 700/300 split); the proxy's in pure Java, the other in the
        // client's real engine (pure evaluation off).
        Config proxySide = Config.just(ConfigSources.create(Map.of(
                "token", "", "backup-file", dir.resolve("proxy.json").toString())));
        FlagsSettings engineSide = FlagsSettings.create(Config.just(ConfigSources.create(Map.of(
                "token", "", "pure-evaluation", "false", "backup-file", dir.resolve("engine.json").toString()))));
        try (UnleashRoutingFlags ours = UnleashRoutingFlags.start(proxySide, TandemFlags.CLUSTER_ROUTING);
             Flags engine = Flags.create(engineSide)) {
            int onB = 0;
            for (int i = 0; i < 2000; i++) {
                String user = "user-" + i;
                String expected = engine.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser(user)).id();
                assertThat(user, ours.clusterFor(user), is(expected));
                onB += expected.equals("b") ? 1 : 0;
            }
            assertThat("about 30% on b: " + onB, onB > 500 && onB < 700, is(true));
            assertThat(ours.clusterFor("tandem-drill-user-b"), is("b"));
            assertThat(engine.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("tandem-drill-user-b")).id(),
                    is("b"));
        }
    }
}
