package io.tandem.flags.it;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The environment's shared Unleash, read only (never switched, never stopped): a client configured from the env keys
 * fetches its state, writes the backup, and the pure-Java answers equal the engine's on that live state.
 */
class SharedUnleashIT {

    @Test
    void readsTheSharedServerAndAgreesWithTheEngine(@TempDir Path dir) {
        TestEnv env = TestEnv.load();
        String url = env.get("unleash.url") + "/api";
        String token = env.get("unleash.client.token");
        FlagsSettings pureSettings = new FlagsSettings(url, token, "flags-it-shared-pure", null, "development",
                Duration.ofSeconds(1), dir.resolve("pure.json"), Duration.ofSeconds(5), Duration.ofSeconds(2), null, true);
        FlagsSettings engineSettings = new FlagsSettings(url, token, "flags-it-shared-engine", null, "development",
                Duration.ofSeconds(1), dir.resolve("engine.json"), Duration.ofSeconds(5), Duration.ofSeconds(2), null, false);
        try (Flags pure = Flags.create(pureSettings); Flags engine = Flags.create(engineSettings)) {
            assertThat("fetched from " + url, pure.fetchedSinceStart(), is(true));
            assertThat(engine.fetchedSinceStart(), is(true));
            assertThat(pure.stateAge(), lessThan(Duration.ofSeconds(5)));
            assertThat("backup written", Files.exists(pureSettings.backupFile()), is(true));
            for (int i = 0; i < 2_000; i++) {
                FlagContext c = new FlagContext("it-user-" + i, null, i % 2 == 0 ? "a" : "b", null, null);
                assertThat(pure.variant(TandemFlags.CLUSTER_ROUTING, c), is(engine.variant(TandemFlags.CLUSTER_ROUTING, c)));
                for (BooleanFlag flag : new BooleanFlag[] {TandemFlags.OFFER_KILL_SWITCH, TandemFlags.ATC_DISABLED, TandemFlags.AUTO_FAILOVER}) {
                    assertThat(flag.name(), pure.isOn(flag, c), is(engine.isOn(flag, c)));
                }
            }
        }
    }
}
