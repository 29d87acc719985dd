package io.tandem.flags.sync;

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

/** The command's refusals that need no server; against a real Unleash see FlagsSyncIT. */
class FlagsSyncTest {

    @Test
    void missingUrlIsUsageError() {
        Run run = run("--admin-token", "x");
        assertThat(run.code, is(FlagsSync.BAD_INPUT));
        assertThat(run.err, containsString("--unleash-url is required"));
        assertThat(run.err, containsString("usage: FlagsSync"));
    }

    @Test
    void malformedFileIsRefusedBeforeAnyCall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flags.json");
        Files.writeString(file, "{\"flags\": [{\"name\": \"x\"}]}");
        // The URL is unreachable: reaching it would give exit 1, the file check must come first.
        Run run = run("--unleash-url", "http://127.0.0.1:1", "--admin-token", "t", "--file", file.toString());
        assertThat(run.code, is(FlagsSync.BAD_INPUT));
        assertThat(run.err, containsString("refusing a malformed flags file: " + file + ": $.flags[0] (x): missing \"type\""));
    }

    @Test
    void unreachableServerIsExitOne() {
        Run run = run("--unleash-url", "http://127.0.0.1:1", "--admin-token", "t", "--dry-run");
        assertThat(run.code, is(FlagsSync.UNLEASH_FAILED));
        assertThat(run.err, containsString("cannot reach Unleash at http://127.0.0.1:1"));
    }

    @Test
    void urlWithOrWithoutApiSuffix() {
        assertThat(UnleashAdmin.baseUrl("http://h:4242/api/"), is("http://h:4242"));
        assertThat(UnleashAdmin.baseUrl("http://h:4242"), is("http://h:4242"));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlagsSync.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
