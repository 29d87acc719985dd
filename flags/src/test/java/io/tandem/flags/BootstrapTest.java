package io.tandem.flags;

import io.tandem.flags.file.FlagsFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A client that cannot reach Unleash runs on its backup file, else on the flags file (real engine, no server). */
class BootstrapTest {
    private static final String UNREACHABLE = "http://127.0.0.1:1/api";

    @Test
    void firstStartWithoutUnleashRunsOnFlagsJson(@TempDir Path dir) {
        try (Flags flags = Flags.create(settings(dir, "flags.json"))) {
            assertThat(flags.fetchedSinceStart(), is(false));
            assertThat(flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("tandem-drill-user-b")), is(ClusterVariant.B));
            int onB = 0;
            for (int i = 0; i < 2_000; i++) {
                if (flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("user-" + i)) == ClusterVariant.B) {
                    onB++;
                }
            }
            // flags.json splits 700/300; the default variant alone would put nobody on B.
            assertThat(onB, allOf(greaterThan(500), lessThan(700)));
            assertThat(flags.isOn(TandemFlags.OFFER_KILL_SWITCH), is(false));
        }
    }

    @Test
    void fileStateWinsOverTypedDefault(@TempDir Path dir) {
        // flags-kill-on.json switches offer_kill_switch on, whose typed default is off.
        try (Flags flags = Flags.create(settings(dir, "flags-kill-on.json"))) {
            assertThat(flags.isOn(TandemFlags.OFFER_KILL_SWITCH, FlagContext.ofUser("u1")), is(true));
            assertThat(flags.isOn(TandemFlags.AUTO_FAILOVER), is(false));
        }
    }

    @Test
    void backupFileWinsOverFlagsJson(@TempDir Path dir) throws Exception {
        Path backup = dir.resolve("backup.json");
        Files.writeString(backup, """
                {"version":2,"features":[{"name":"atc_disabled","type":"operational","enabled":true,"stale":false,
                 "strategies":[{"name":"default","parameters":{},"constraints":[]}],"variants":[]}]}""");
        try (Flags flags = Flags.create(settings(dir, "flags.json"))) {
            assertThat(flags.isOn(TandemFlags.ATC_DISABLED), is(true));
            assertThat(flags.stateAge().compareTo(Duration.ofSeconds(60)), lessThan(0));
        }
    }

    @Test
    void malformedFlagsFileRefusesToStart(@TempDir Path dir) {
        FlagsFileException e = assertThrows(FlagsFileException.class, () -> Flags.create(settings(dir, "flags-malformed.json")));
        assertThat(e.getMessage(), containsString("classpath:flags-malformed.json: $.flags[0] (atc_disabled).enabled: must be true or false"));
    }

    private static FlagsSettings settings(Path dir, String resource) {
        return new FlagsSettings(UNREACHABLE, "", "bootstrap-test", null, "development", Duration.ofSeconds(1),
                dir.resolve("backup.json"), Duration.ofMillis(300), Duration.ofMillis(300), resource);
    }
}
