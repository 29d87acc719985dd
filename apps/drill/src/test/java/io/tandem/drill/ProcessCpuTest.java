package io.tandem.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ProcessCpuTest {
    @TempDir
    Path dir;

    @Test
    void statIsReadAfterACommandWithSpacesAndParentheses() {
        ProcessCpu.Stat s = ProcessCpu.Stat.parse("4242 (node (unleash) x) S 77 4242 4242 0 -1 4194560 1 0 0 0"
                + " 150 30 7 3 20 0 11 0 100 0 0");
        assertThat(s.pid(), is(4242L));
        assertThat(s.ppid(), is(77L));
        assertThat(s.ticks(), is(190L));
    }

    @Test
    void aComponentCountsItsDescendantsAndNotOtherProcesses() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(pids.resolve("unleash.pid"), "10\n");
        Files.writeString(pids.resolve("gone.pid"), "99\n");
        stat(proc, 10, 1, 100);   // the wrapper shell
        stat(proc, 11, 10, 400);  // its node
        stat(proc, 12, 11, 50);   // node's child
        stat(proc, 20, 1, 9000);  // someone else's process
        Map<String, Long> ms = new ProcessCpu(pids, proc).millis();
        assertThat(ms, is(Map.of("unleash", 5500L)));
    }

    @Test
    void deltaLeavesOutAComponentMissingFromEitherReading() {
        assertThat(ProcessCpu.delta(Map.of("a", 100L, "b", 5L), Map.of("a", 350L, "c", 9L)), is(Map.of("a", 250L)));
    }

    /** A stat line whose utime is {@code ticks} (stime, cutime, cstime 0). */
    private static void stat(Path proc, long pid, long ppid, long ticks) throws Exception {
        Path d = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(d.resolve("stat"), pid + " (p) S " + ppid + " 1 1 0 -1 0 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0\n");
    }
}
