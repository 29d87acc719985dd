package io.tandem.flags.it;

import io.tandem.flags.ClusterVariant;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.sync.FlagsSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * A flag server outage on a real Unleash (this test's own server: the shared one is never stopped): reads keep the
 * last state while it is down, a restart meanwhile boots from the backup within its bound, and once it is back a
 * change made through the admin API reaches the client within the refresh interval.
 */
class FlagsOutageIT {
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(3);
    private static final FlagContext DRILL_USER_B = FlagContext.ofUser("tandem-drill-user-b");
    private static OwnUnleashServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = OwnUnleashServer.start(TestEnv.load());
        int code = FlagsSync.run(new String[] {"--unleash-url", server.url(), "--admin-token", OwnUnleashServer.ADMIN_TOKEN},
                new PrintStream(new ByteArrayOutputStream()), System.err);
        assertThat("FlagsSync exit code", code, is(0));
    }

    @AfterAll
    static void dropServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsSurviveAnOutageAndChangesArriveAfterIt(@TempDir Path dir) throws Exception {
        FlagsSettings settings = new FlagsSettings(server.url() + "/api", OwnUnleashServer.CLIENT_TOKEN, "flags-it", null,
                "development", FlagsSettings.DEFAULT_REFRESH, dir.resolve("backup.json"), Duration.ofSeconds(5),
                Duration.ofSeconds(1), null);
        try (Flags flags = Flags.create(settings)) {
            assertThat("first fetch within the start-up bound", flags.fetchedSinceStart(), is(true));
            assertThat(flags.isOn(TandemFlags.ATC_DISABLED), is(false));

            server.switchFlag("atc_disabled", true);
            Duration seenOn = waitFor(() -> flags.isOn(TandemFlags.ATC_DISABLED));
            System.out.println("switch on seen after " + seenOn.toMillis() + " ms");
            assertThat(seenOn, lessThanOrEqualTo(SEEN_WITHIN));
            waitFor(() -> Files.exists(settings.backupFile()));

            server.stop();
            long downSince = System.nanoTime();
            while (System.nanoTime() - downSince < Duration.ofSeconds(3).toNanos()) {
                assertThat("last state while Unleash is down", flags.isOn(TandemFlags.ATC_DISABLED), is(true));
                assertThat(flags.variant(TandemFlags.CLUSTER_ROUTING, DRILL_USER_B), is(ClusterVariant.B));
                Thread.sleep(100);
            }
            assertThat(flags.stateAge(), greaterThanOrEqualTo(Duration.ofSeconds(2)));

            // A process restarting meanwhile: bounded start-up, state from the backup (flags.json says off).
            Path copy = Files.copy(settings.backupFile(), dir.resolve("restarted-backup.json"));
            FlagsSettings restartedSettings = new FlagsSettings(settings.url(), settings.token(), "flags-it-restarted",
                    null, "development", Duration.ofSeconds(1), copy, Duration.ofSeconds(1), Duration.ofSeconds(1), null);
            long t0 = System.nanoTime();
            try (Flags restarted = Flags.create(restartedSettings)) {
                Duration startUp = Duration.ofNanos(System.nanoTime() - t0);
                System.out.println("start-up with Unleash down took " + startUp.toMillis() + " ms");
                assertThat(startUp, lessThan(Duration.ofMillis(2_500)));
                assertThat(restarted.fetchedSinceStart(), is(false));
                assertThat("restarted process reads the backup", restarted.isOn(TandemFlags.ATC_DISABLED), is(true));
            }

            server.start();
            server.switchFlag("atc_disabled", false);
            Duration seenOff = waitFor(() -> !flags.isOn(TandemFlags.ATC_DISABLED));
            System.out.println("after restart, switch off seen after " + seenOff.toMillis() + " ms");
            assertThat(seenOff, lessThanOrEqualTo(SEEN_WITHIN));
            assertThat(flags.stateAge(), lessThan(Duration.ofSeconds(3)));
        }
    }

    private static Duration waitFor(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
