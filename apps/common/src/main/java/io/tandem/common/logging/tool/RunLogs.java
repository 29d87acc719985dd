package io.tandem.common.logging.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logs of a run's Tandem JVMs in its logs folder ({@code .run/local/logs}): every {@code *.log} there but those
 * named in {@link #NOT_OURS}. envs/local starts each of its own JVMs with its output in {@code <name>.log}
 * (cluster-a, cluster-b, proxy, catalog, offers, psp, stock, notifier, faults, alerts) and the schema migrators'
 * in {@code migrate.log}; a JVM added later is checked without being listed here.
 */
public final class RunLogs {
    /**
     * Not a Tandem JVM's log. Third-party processes keep their own formats: MariaDB, Redis, Kafka, PostgreSQL,
     * Unleash, Prometheus, Alertmanager, Zipkin, nginx (and chromedriver, for the ops-ui scenario and OrderTraceIT).
     * The rest is the
     * output of steps and tools: {@code ./tandem test} steps, Terraform, the build, the chaos restores,
     * installers.
     */
    public static final List<String> NOT_OURS = List.of(
            "db-*", "redis-*", "kafka*", "postgres*", "unleash*", "prometheus*", "alertmanager*", "zipkin*", "nginx*",
            "ops-ui-*", "*chromedriver.log", "test-*", "terraform-*", "build*", "chaos-*", "*.install.log", "*.npm.log",
            "*.fetch.log", "*.err.log");

    private RunLogs() {
    }

    /**
     * The Tandem JVMs' logs in a folder, by name.
     *
     * @param folder    a run's logs folder
     * @param alsoSkip  more file-name globs to leave out
     * @return their paths
     */
    public static List<Path> ours(Path folder, List<String> alsoSkip) {
        List<PathMatcher> skip = new ArrayList<>();
        for (String glob : NOT_OURS) {
            skip.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        for (String glob : alsoSkip) {
            skip.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".log"))
                    .filter(file -> skip.stream().noneMatch(m -> m.matches(file.getFileName())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a log as UTF-8; bytes that are not (a line cut by a kill) read as U+FFFD instead of failing the read. */
    public static BufferedReader reader(Path log) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8));
    }

    /** The process a log belongs to: its file name without {@code .log}. */
    public static String process(Path log) {
        String name = log.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }
}
