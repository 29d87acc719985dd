package io.tandem.order.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A JVM the test starts itself (so it may kill it with SIGKILL without touching the shared environment). */
final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;

    private JavaProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code mainClass} with the test's own classpath and the given system properties. */
    static JavaProcess start(String name, String mainClass, Map<String, String> properties, Path log) {
        return start(name, System.getProperty("java.class.path"), List.of("-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED"), mainClass, properties, List.of(), log);
    }

    static JavaProcess start(String name, String classpath, List<String> jvmArgs, String mainClass,
                             Map<String, String> properties, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new JavaProcess(name, process);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    /** Runs a JVM to its end (a tool), failing when it does not exit 0 in time. */
    static void run(String name, String classpath, String mainClass, List<String> args, Path log) {
        JavaProcess tool = start(name, classpath, List.of("-Xmx256m"), mainClass, Map.of(), args, log);
        try {
            if (!tool.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || tool.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed: see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            tool.close();
        }
    }

    void awaitHttp(String url, Duration within) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not answering " + url + " within " + within);
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut of the process. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    static String classpathOf(Path libs) {
        return libs.toAbsolutePath() + File.separator + "*";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
