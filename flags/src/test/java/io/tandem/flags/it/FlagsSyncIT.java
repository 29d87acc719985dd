package io.tandem.flags.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tandem.flags.sync.FlagsSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** FlagsSync against a real Unleash 8 (this test's own server, so the shared UI is not cluttered). */
class FlagsSyncIT {
    private static OwnUnleashServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = OwnUnleashServer.start(TestEnv.load());
    }

    @AfterAll
    static void dropServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsWhatIsMissingAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Run dry = sync("--dry-run");
        assertThat(dry.err, dry.code, is(0));
        assertThat(dry.out, containsString("cluster_routing: would create (release, on in development, 2 strategies, variants a/b)"));
        assertThat("dry run creates nothing", feature("cluster_routing"), is((JsonObject) null));

        Run first = sync();
        assertThat(first.err, first.code, is(0));
        for (String flag : new String[] {"offer_kill_switch", "atc_disabled", "cluster_routing", "auto_failover"}) {
            assertThat(first.out, containsString(flag + ": created"));
        }
        assertThat(enabled("cluster_routing"), is(true));
        assertThat(enabled("offer_kill_switch"), is(false));
        assertThat(strategyCount("cluster_routing"), is(2));

        // Ops switch flags in the UI; a later sync must leave that alone.
        server.switchFlag("offer_kill_switch", true);
        server.switchFlag("cluster_routing", false);
        Path file = dir.resolve("flags.json");
        String shipped = new String(getClass().getClassLoader().getResourceAsStream("flags.json").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(file, shipped.replace("\"flags\": [", """
                "flags": [
                    {"name": "it_extra_flag", "type": "operational", "description": "added later", "enabled": true,
                     "strategies": [{"name": "default"}]},"""));
        Run second = sync("--file", file.toString());
        assertThat(second.err, second.code, is(0));
        assertThat(second.out, containsString("it_extra_flag: created"));
        assertThat(second.out, containsString("offer_kill_switch: exists, left alone"));
        assertThat(second.out, containsString("cluster_routing: exists, left alone"));
        assertThat(second.out, not(containsString("cluster_routing: created")));
        assertThat("ops' switch kept", enabled("offer_kill_switch"), is(true));
        assertThat("ops' switch kept", enabled("cluster_routing"), is(false));
        assertThat(strategyCount("cluster_routing"), is(2));
        assertThat(enabled("it_extra_flag"), is(true));

        Run badToken = run(new String[] {"--unleash-url", server.url(), "--admin-token", "*:*.wrong"});
        assertThat(badToken.code, is(1));
        assertThat(badToken.err, containsString("401"));
    }

    private JsonObject feature(String name) throws Exception {
        var r = server.admin("GET", "/api/admin/projects/default/features/" + name, null);
        return r.statusCode() == 404 ? null : JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private JsonObject development(String name) throws Exception {
        for (var e : feature(name).getAsJsonArray("environments")) {
            if (e.getAsJsonObject().get("name").getAsString().equals("development")) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no development environment on " + name);
    }

    private boolean enabled(String name) throws Exception {
        return development(name).get("enabled").getAsBoolean();
    }

    private int strategyCount(String name) throws Exception {
        return development(name).getAsJsonArray("strategies").size();
    }

    private static Run sync(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "--unleash-url";
        args[1] = server.url();
        args[2] = "--admin-token";
        args[3] = OwnUnleashServer.ADMIN_TOKEN;
        System.arraycopy(extra, 0, args, 4, extra.length);
        return run(args);
    }

    private static Run run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlagsSync.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
