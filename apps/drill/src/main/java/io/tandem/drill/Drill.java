package io.tandem.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.json.JsonObject;

/**
 * The DR drill: checkout load through the proxy while new users move to cluster B in phases (cluster_routing
 * weights through the Unleash admin API) and back; then the data is checked and a table, a chart and the last line
 * are printed.
 */
public final class Drill {
    /** More sessions than this (percent) failing for no reason the drill expects fails the drill. */
    static final int MAX_FAILED_PERCENT = 1;
    /** A phase: its name, the share of new users sent to B (percent), how long it lasts. */
    public record Phase(String name, int percentB, Duration duration) {
    }

    static final double SHORT_RATE = 3;
    static final double LONG_RATE = 5;
    static final Duration SETTLE = Duration.ofSeconds(60);

    private final Env env;
    private final Path outDir;
    private final boolean shortRun;

    public Drill(Env env, Path outDir, boolean shortRun) {
        this.env = env;
        this.outDir = outDir;
        this.shortRun = shortRun;
    }

    static List<Phase> phases(boolean shortRun) {
        Duration d = shortRun ? Duration.ofSeconds(8) : Duration.ofSeconds(60);
        List<Phase> phases = new ArrayList<>(List.of(new Phase("b0", 0, d), new Phase("b1", 1, d), new Phase("b5", 5, d),
                new Phase("b25", 25, d), new Phase("b100", 100, shortRun ? d.plusSeconds(4) : d)));
        if (!shortRun) {
            phases.addAll(List.of(new Phase("back25", 25, d), new Phase("back5", 5, d), new Phase("back1", 1, d)));
        }
        phases.add(new Phase("back0", 0, d));
        return phases;
    }

    /** Runs it; true when the data is clean. */
    public boolean run() throws Exception {
        String runId = "d" + Long.toString(System.currentTimeMillis(), 36);
        String userPrefix = "drill-" + runId + "-";
        Files.createDirectories(outDir);
        Recorder recorder = new Recorder();
        Shop shop = new Shop(env.get("proxy.url"), Jwt.of(env));
        DrillFlags unleash = new DrillFlags(env);
        ProxyMetrics metrics = new ProxyMetrics(env.get("proxy.url"));
        Optional<TreeMap<Double, Double>> before = metrics.buckets();
        List<Phase> phases = phases(shortRun);
        List<Map.Entry<String, Long>> starts = new ArrayList<>();
        long since = System.currentTimeMillis();
        JsonObject split = unleash.splitStrategy();
        System.out.println("drill " + runId + ": " + phases.size() + " phases, " + (shortRun ? SHORT_RATE : LONG_RATE)
                + " sessions/s, users " + userPrefix + "*");
        int budget = (int) (phases.stream().mapToLong(p -> p.duration().toSeconds()).sum() * (shortRun ? SHORT_RATE : LONG_RATE)) + 10;
        SavedAddresses.seed(env, userPrefix, budget);
        try (Load load = new Load(shop, recorder, userPrefix, budget, Load.DEFAULT_MAX_IN_FLIGHT, Load.DEFAULT_POLL_TIMEOUT_MS)) {
            for (Phase phase : phases) {
                unleash.shareToB(split, phase.percentB());
                recorder.phase(phase.name());
                starts.add(Map.entry(phase.name(), System.currentTimeMillis()));
                System.out.println("  phase " + phase.name() + ": " + phase.percentB() + "% of new users to B for "
                        + phase.duration().toSeconds() + " s");
                load.run(shortRun ? SHORT_RATE : LONG_RATE, phase.duration());
            }
            System.out.println("  load stopped after " + load.started() + " sessions (" + load.shed() + " shed); waiting for sessions to end");
        } finally {
            unleash.restore(split);
        }
        Optional<TreeMap<Double, Double>> after = metrics.buckets();
        List<String> accepted = recorder.sessions().stream().map(Recorder.SessionEnd::orderNumber)
                .filter(n -> n != null).toList();
        Verification v = new Verifier(env).verify(userPrefix, accepted, since, SETTLE);

        List<Map.Entry<String, Integer>> table = phases.stream().map(p -> Map.entry(p.name(), p.percentB())).toList();
        PhaseTable.render(table, recorder).forEach(System.out::println);
        List<String> failures = PhaseTable.failures(recorder);
        if (!failures.isEmpty()) {
            System.out.println("session failures (client side):");
            failures.forEach(System.out::println);
        }
        System.out.println("data: " + v.orders() + " orders in the order databases, " + v.confirmed() + " confirmed, "
                + accepted.size() + " accepted by the shop, " + v.orphanCharges() + " orphan charges");
        v.problems().stream().limit(20).forEach(p -> System.out.println("  " + p));
        Path png = outDir.resolve("drill-" + runId + ".png");
        Chart.draw(recorder.samples(), starts, png);
        System.out.println("chart: " + png);
        String p50 = before.isPresent() && after.isPresent()
                ? String.format("%.2f", ProxyMetrics.p50Millis(before.get(), after.get())) : "?";
        long sessions = recorder.sessions().size();
        long failed = recorder.sessions().stream().filter(s -> s.failure() != null).count();
        System.out.println("sessions: " + sessions + ", " + failed + " failed for no reason the drill expects"
                + " (allowed: " + MAX_FAILED_PERCENT + "%)");
        System.out.println("drill: " + v.line() + ", proxy p50 +" + p50 + " ms");
        return v.clean() && v.confirmed() > 0 && failed * 100 <= sessions * MAX_FAILED_PERCENT;
    }
}
