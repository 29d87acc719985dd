package io.tandem.drill;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of an environment's processes, read from {@code /proc}: every process named by a pid file of the run
 * folder ({@code run.dir/pids/<name>.pid}), with all its descendants (a wrapper shell's java, npm's node). CPU time
 * is counted by the kernel per process, so it does not depend on how busy the rest of the machine is (latencies do).
 */
final class ProcessCpu {
    /** USER_HZ: the unit of /proc/[pid]/stat's times; 100 on every Linux this runs on (x86-64, arm64). */
    static final long TICKS_PER_SECOND = 100;

    private final Path pidsDir;
    private final Path proc;

    ProcessCpu(Path pidsDir) {
        this(pidsDir, Path.of("/proc"));
    }

    ProcessCpu(Path pidsDir, Path proc) {
        this.pidsDir = pidsDir;
        this.proc = proc;
    }

    /** A process's own times and its parent, from one /proc/[pid]/stat line. */
    record Stat(long pid, long ppid, long ticks) {
        /**
         * Fields after the command (which may hold spaces and parentheses, so it is cut at the last ')'): state(3),
         * ppid(4), ..., utime(14), stime(15), cutime(16), cstime(17). Children's times count once they are reaped.
         */
        static Stat parse(String line) {
            long pid = Long.parseLong(line.substring(0, line.indexOf(' ')).strip());
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new Stat(pid, Long.parseLong(f[1]), ticks);
        }
    }

    /** Milliseconds of CPU (user + system) used so far by each component and its descendants, by component name. */
    Map<String, Long> millis() {
        Map<Long, Stat> all = readAll();
        Map<Long, List<Long>> children = new HashMap<>();
        all.values().forEach(s -> children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid()));
        Map<String, Long> out = new TreeMap<>();
        roots().forEach((name, pid) -> {
            if (!all.containsKey(pid)) {
                return;
            }
            long ticks = 0;
            Deque<Long> todo = new ArrayDeque<>(List.of(pid));
            while (!todo.isEmpty()) {
                long p = todo.pop();
                Stat s = all.get(p);
                if (s != null) {
                    ticks += s.ticks();
                }
                todo.addAll(children.getOrDefault(p, List.of()));
            }
            out.put(name, ticks * 1000 / TICKS_PER_SECOND);
        });
        return out;
    }

    /** The components' pids, from their pid files (a missing or unreadable one is left out). */
    Map<String, Long> roots() {
        Map<String, Long> roots = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pidsDir, "*.pid")) {
            for (Path f : files) {
                try {
                    roots.put(f.getFileName().toString().replaceFirst("\\.pid$", ""), Long.parseLong(Files.readString(f).strip()));
                } catch (IOException | NumberFormatException e) {
                    // a pid file being rewritten by a restart: that component is absent from this reading
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + pidsDir, e);
        }
        return roots;
    }

    /** CPU milliseconds this JVM (the load generator, not counted with the environment) has used so far. */
    long selfMillis() {
        try {
            return Stat.parse(Files.readString(proc.resolve("self/stat"))).ticks() * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The machine's CPU time so far over all cores, in milliseconds: {busy, total} from /proc/stat's first line
     * (idle and iowait are not busy). Between two readings it tells whether the machine itself was the limit.
     */
    long[] machineMillis() {
        try {
            String[] f = Files.readAllLines(proc.resolve("stat")).get(0).strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {  // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {(total - idle) * 1000 / TICKS_PER_SECOND, total * 1000 / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private Map<Long, Stat> readAll() {
        Map<Long, Stat> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                try {
                    Stat s = Stat.parse(Files.readString(d.resolve("stat")));
                    all.put(s.pid(), s);
                } catch (IOException | RuntimeException e) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc, e);
        }
        return all;
    }

    /** CPU milliseconds each component used between two readings (a component missing from either is left out). */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((name, ms) -> {
            Long was = before.get(name);
            if (was != null) {
                d.put(name, Math.max(0, ms - was));
            }
        });
        return d;
    }
}
