package io.tandem.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bench checkout}: the drill's checkout-session mix ({@link Load}, {@link CheckoutSession}) through the proxy
 * at stepped rates against a running environment. First the idle CPU of every process of the environment (no
 * shopper), then a warm-up, then each rate for a fixed time; a step's CPU window runs from its first session's start
 * to its last one's end. Stops after the first step where sessions fail (it would only overload a shared machine). Prints
 * and writes to {@code <repo>/bench/results/} the tables and last line of {@link BenchReport}.
 */
final class CheckoutBench {
    static final List<Double> DEFAULT_RATES = List.of(10.0, 20.0, 30.0, 40.0);
    static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
    static final Duration DEFAULT_IDLE = Duration.ofSeconds(20);
    /**
     * Long enough for the JITs of ~20 JVMs: after a (re)start, 15 s at 10/s left the machine 89-97% busy compiling and
     * the clusters refusing a fifth to a half of the sessions at 10-14/s that a warm environment confirms all of
     * (bench/README, "Warm-up", 2026-12-02).
     */
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);
    static final double DEFAULT_WARMUP_RATE = 10;
    /** How long the bench waits for the proxy to see every cluster UP before it starts (a JVM just restarted). */
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(120);
    /** The rate whose CPU per checkout the last line names (issue 15's reference point). */
    static final double DEFAULT_REFERENCE_RATE = 20;
    /** Sessions in flight at most: well above rate x session time at the rates benched, so none is shed by the client. */
    static final int DEFAULT_MAX_IN_FLIGHT = 512;
    /** Source addresses: at 40 sessions/s x ~8 requests the clusters' 1000/min per-IP limit needs more than 16. */
    static final int DEFAULT_SOURCE_ADDRESSES = 64;

    record Options(List<Double> rates, Duration step, Duration idle, Duration warmup, double referenceRate, String label) {
        static Options parse(List<String> args) {
            List<Double> rates = DEFAULT_RATES;
            Duration step = DEFAULT_STEP;
            Duration idle = DEFAULT_IDLE;
            Duration warmup = DEFAULT_WARMUP;
            double reference = DEFAULT_REFERENCE_RATE;
            String label = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String v = i + 1 < args.size() ? args.get(i + 1) : null;
                if (v == null) {
                    throw new IllegalArgumentException("bench checkout: " + a + " needs a value");
                }
                switch (a) {
                    case "--rates" -> rates = Arrays.stream(v.split(",")).map(Double::parseDouble).toList();
                    case "--step-seconds" -> step = Duration.ofSeconds(Long.parseLong(v));
                    case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(v));
                    case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--reference-rate" -> reference = Double.parseDouble(v);
                    case "--label" -> label = v;
                    default -> throw new IllegalArgumentException("bench checkout: unknown option " + a);
                }
                i++;
            }
            return new Options(rates, step, idle, warmup, reference, label);
        }
    }

    private final Env env;
    private final Options options;
    private final Path resultsDir;
    private final List<String> out = new ArrayList<>();
    private final DbStatements statements;

    CheckoutBench(Env env, Options options, Path resultsDir) {
        this.env = env;
        this.options = options;
        this.resultsDir = resultsDir;
        this.statements = new DbStatements(env);
    }

    boolean run() throws Exception {
        try {
            return runSteps();
        } finally {
            statements.close();
        }
    }

    private boolean runSteps() throws Exception {
        String runId = "b" + Long.toString(System.currentTimeMillis(), 36);
        String userPrefix = "bench-" + runId + "-";
        ProcessCpu cpu = new ProcessCpu(env.runDir().resolve("pids"));
        Shop shop = new Shop(env.get("proxy.url"), Jwt.of(env), DEFAULT_SOURCE_ADDRESSES);
        print("bench checkout " + runId + ": " + describe() + "; users " + userPrefix + "*");
        print("  processes: " + String.join(" ", cpu.roots().keySet()) + " (the load generator is this JVM, not counted)");
        String notUp = new ProxyHealth(env.get("proxy.url")).awaitAllUp(DEFAULT_SETTLE);
        if (notUp != null) {
            print("bench checkout: not started: " + notUp);
            return false;
        }
        print("  machine load average at start: " + loadAverage());

        print("  idle: " + options.idle().toSeconds() + " s with no shopper");
        Map<String, Long> before = cpu.millis();
        long idleStart = System.nanoTime();
        Thread.sleep(options.idle());
        Map<String, Long> idle = ProcessCpu.delta(before, cpu.millis());
        long idleWall = (System.nanoTime() - idleStart) / 1_000_000;

        int[] next = {0};
        if (!options.warmup().isZero()) {
            double warmupRate = Math.min(DEFAULT_WARMUP_RATE, options.rates().get(0));
            print("  warm-up: " + BenchReport.fmt(warmupRate) + "/s for " + options.warmup().toSeconds() + " s (not counted)");
            step(shop, cpu, userPrefix, next, warmupRate, options.warmup());
        }
        List<BenchStep> steps = new ArrayList<>();
        for (double rate : options.rates()) {
            BenchStep s = step(shop, cpu, userPrefix, next, rate, options.step());
            steps.add(s);
            print(String.format("  step %s/s: %d offered, %d confirmed, place p99 %.0f ms, %.1f CPU-ms per checkout",
                    BenchReport.fmt(rate), s.offered(), s.confirmed(), s.placeP99(), s.cpuPerCheckout()));
            // Sessions failing is overload: a higher rate would only load a shared machine more. A slow p99 alone is
            // not (other environments on the machine make latencies noisy): the next step still runs.
            if (s.confirmedPercent() < BenchStep.CAPACITY_CONFIRMED_PERCENT) {
                print("  stopping: fewer than " + BenchStep.CAPACITY_CONFIRMED_PERCENT + "% of sessions confirmed");
                break;
            }
        }
        BenchReport report = new BenchReport(steps, idle, idleWall, options.referenceRate());
        print("");
        report.stepTable().forEach(this::print);
        print("  (latencies are the shop's, through the proxy, on a machine shared with other environments: noisy;"
                + " CPU-ms are the kernel's per-process counts: robust to that)");
        print("");
        report.processTable().forEach(this::print);
        print("");
        print("  machine load average at end: " + loadAverage());
        print("  CPU per checkout in the last line: the step nearest " + BenchReport.fmt(options.referenceRate()) + "/s");
        print(report.lastLine());
        write(runId);
        return report.capacity().isPresent();
    }

    /** One step: sessions at {@code rate} for {@code duration}, then waits for every one of them to end. */
    private BenchStep step(Shop shop, ProcessCpu cpu, String userPrefix, int[] next, double rate, Duration duration) {
        Recorder recorder = new Recorder();
        recorder.phase("r" + rate);
        int sessions = (int) Math.ceil(rate * duration.toSeconds());
        String prefix = userPrefix + "s" + (next[0]++) + "-";
        // Returning customers, as in the drill: saved before the step's CPU window opens.
        SavedAddresses.seed(env, prefix, sessions);
        Map<String, Long> before = cpu.millis();
        long selfBefore = cpu.selfMillis();
        long[] machineBefore = cpu.machineMillis();
        Map<String, Long> statementsBefore = statements.counts();
        long start = System.nanoTime();
        Load load = new Load(shop, recorder, prefix, sessions, DEFAULT_MAX_IN_FLIGHT, Load.DEFAULT_POLL_TIMEOUT_MS);
        try (load) {
            load.run(rate, duration);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        Map<String, Long> used = ProcessCpu.delta(before, cpu.millis());
        long[] machineAfter = cpu.machineMillis();
        long machineTotal = Math.max(1, machineAfter[1] - machineBefore[1]);
        // Whether the machine was the limit, and how much of it the load generator took (not the environment's).
        print(String.format("    machine %.0f%% busy over its %d cores; the load generator %.2f cores",
                100.0 * (machineAfter[0] - machineBefore[0]) / machineTotal, Runtime.getRuntime().availableProcessors(),
                (cpu.selfMillis() - selfBefore) / (double) wall));
        long confirmed = recorder.sessions().stream().filter(e -> "CONFIRMED".equals(e.orderStatus())).count();
        print("    database statements per confirmed checkout: "
                + DbStatements.perCheckout(statementsBefore, statements.counts(), confirmed));
        List<Long> place = micros(recorder, "place");
        List<Long> order = micros(recorder, "order");
        PhaseTable.failures(recorder).stream().limit(5).forEach(f -> print("    failed:" + f));
        PhaseTable.refusals(recorder).stream().limit(5).forEach(f -> print("    refused:" + f));
        print("    carts and sheds: " + recorder.notes().entrySet().stream()
                .filter(n -> n.getKey().startsWith("cart ") || n.getKey().startsWith("shed "))
                .map(n -> n.getKey() + " " + n.getValue()).toList());
        long failedOrders = recorder.sessions().stream().filter(e -> "FAILED".equals(e.orderStatus())).count();
        if (failedOrders > 0) {
            print("    orders FAILED: " + failedOrders + " sessions (" + recorder.notes().entrySet().stream()
                    .filter(n -> n.getKey().startsWith("price changed")).mapToLong(Map.Entry::getValue).sum()
                    + " placed again at a changed price)");
        }
        return new BenchStep(rate, duration.toSeconds(), wall, load.started() + load.shed(), confirmed, place, order, used);
    }

    private static List<Long> micros(Recorder recorder, String step) {
        return recorder.samples().stream().filter(s -> s.step().equals(step) && s.status() > 0 && s.status() < 500)
                .map(Recorder.Sample::micros).toList();
    }

    private String describe() {
        return "rates " + options.rates().stream().map(BenchReport::fmt).toList() + " sessions/s, "
                + options.step().toSeconds() + " s each";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "?";
        }
    }

    private void print(String line) {
        System.out.println(line);
        out.add(line);
    }

    private void write(String runId) throws IOException {
        Files.createDirectories(resultsDir);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = resultsDir.resolve("checkout-" + stamp + (options.label() == null ? "" : "-" + options.label()) + ".txt");
        Files.write(file, out);
        System.out.println("written: " + file);
    }
}
