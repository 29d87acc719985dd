package io.tandem.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Breaks and mends the environment's processes: kill by the pid in run.dir/pids, bring back with the integrator's
 * Terraform (an apply restarts exactly the components whose process died). Extra Terraform arguments (a second
 * environment's -var and -state) come from TANDEM_TF_ARGS.
 */
final class Environment {
    static final long RESTART_LIMIT_SECONDS = 300;
    private final Env env;

    Environment(Env env) {
        this.env = env;
    }

    Optional<Long> pid(String component) {
        try {
            return Optional.of(Long.parseLong(Files.readString(env.pidFile(component)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL (kill -9) when {@code hard}, else SIGTERM; waits until the process is gone. */
    void kill(String component, boolean hard) {
        long pid = pid(component).orElseThrow(() -> new IllegalStateException("no pid file for " + component));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
        boolean sent = hard ? process.destroyForcibly() : process.destroy();
        if (!sent) {
            throw new IllegalStateException("could not signal " + component + " (pid " + pid + ")");
        }
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(component + " (pid " + pid + ") did not exit", e);
        }
        System.out.println("  " + component + " (pid " + pid + ") " + (hard ? "killed -9" : "stopped"));
    }

    boolean alive(String component) {
        return pid(component).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The command line of a running JVM component ({@code java-service.sh} passes its config as {@code -D}): read
     * before a kill, so {@link #startJava} can start it again the same way.
     */
    List<String> commandLine(String component) {
        long pid = pid(component).orElseThrow(() -> new IllegalStateException("no pid file for " + component));
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Arrays.asList(raw.split("\u0000"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command line of " + component + " (pid " + pid + ")", e);
        }
    }

    /**
     * Starts a JVM component again with its own start script ({@code java-service.sh start}, what its Terraform
     * resource runs), with the heap and {@code -D} config of its earlier command line; returns once it is ready.
     * Seconds, where a whole {@code terraform apply} takes a minute on a busy machine.
     */
    void startJava(String component, Path jar, List<String> earlierCommandLine) {
        startJava(component, jar, earlierCommandLine, "/observe/health/ready");
    }

    /**
     * As {@link #startJava(String, Path, List)}, returning once {@code healthPath} answers 2xx: the liveness path for
     * a component that may not be ready yet by design (a cluster whose database is still down).
     */
    void startJava(String component, Path jar, List<String> earlierCommandLine, String healthPath) {
        String port = env.get("port." + component);
        List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve("infra-terraform/scripts/java-service.sh").toString(),
                "start", component, port, jar.toString()));
        String heap = null;
        for (String arg : earlierCommandLine) {
            if (arg.startsWith("-Xmx")) {
                heap = arg;
            } else if (arg.startsWith("-D") && !arg.startsWith("-Dserver.host=") && !arg.startsWith("-Dserver.port=")) {
                cmd.add(arg);
            }
        }
        Path log = env.runDir().resolve("logs").resolve("chaos-restore.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("RUN_DIR", env.runDir().toString());
        pb.environment().put("TANDEM_ROOT", repoRoot().toString());
        pb.environment().put("HEALTH_PATH", healthPath);
        if (heap != null) {
            pb.environment().put("JAVA_SERVICE_HEAP", heap);
        }
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            if (!p.waitFor(RESTART_LIMIT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(component + " did not start again (" + log + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("starting " + component + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.out.printf("  %s started again with its start script in %.1f s%n", component, (System.nanoTime() - start) / 1e9);
    }

    /** terraform apply of envs/local with this environment's arguments: restarts what died. */
    void restore() {
        Path repo = repoRoot();
        List<String> cmd = new ArrayList<>(List.of("terraform", "-chdir=" + repo.resolve("infra-terraform/envs/local"),
                "apply", "-input=false", "-auto-approve", "-no-color"));
        String extra = System.getenv().getOrDefault("TANDEM_TF_ARGS", "").strip();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        Path log = env.runDir().resolve("logs").resolve("chaos-restore.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("TF_CLI_CONFIG_FILE", "/dev/null");
        if (!Files.exists(Path.of(pb.environment().get("TF_CLI_CONFIG_FILE")))) {
            pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        }
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            if (!p.waitFor(RESTART_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("terraform apply took over " + RESTART_LIMIT_SECONDS + " s (" + log + ")");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("terraform apply failed (" + log + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("terraform apply: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.out.printf("  restored with terraform apply in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    static Path repoRoot() {
        String root = System.getenv("TANDEM_REPO");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    }
}
