package io.tandem.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The checkout bench's tables and its last line, from the steps and the idle reading. */
final class BenchReport {
    private final List<BenchStep> steps;
    private final Map<String, Long> idleMillis;
    private final long idleWallMillis;
    private final double referenceRate;

    /**
     * @param idleMillis     CPU ms per process over {@code idleWallMillis} with no shopper
     * @param referenceRate  the step whose CPU per checkout the last line names (the nearest one measured)
     */
    BenchReport(List<BenchStep> steps, Map<String, Long> idleMillis, long idleWallMillis, double referenceRate) {
        this.steps = steps;
        this.idleMillis = idleMillis;
        this.idleWallMillis = idleWallMillis;
        this.referenceRate = referenceRate;
    }

    double idleCores() {
        return idleWallMillis == 0 ? 0 : idleMillis.values().stream().mapToLong(Long::longValue).sum() / (double) idleWallMillis;
    }

    /** The highest step within capacity (>= 99% confirmed, place p99 < 500 ms). */
    Optional<BenchStep> capacity() {
        return steps.stream().filter(BenchStep::withinCapacity).max((x, y) -> Double.compare(x.rate(), y.rate()));
    }

    /** The step nearest the reference rate that confirmed anything. */
    Optional<BenchStep> reference() {
        return steps.stream().filter(s -> s.confirmed() > 0)
                .min((x, y) -> Double.compare(Math.abs(x.rate() - referenceRate), Math.abs(y.rate() - referenceRate)));
    }

    List<String> stepTable() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%6s %9s %11s %10s %15s %17s %11s %14s", "rate", "offered/s", "confirmed/s", "confirmed",
                "place p50/p99", "confirm p50/p99", "CPU-ms/chk", "above idle"));
        for (BenchStep s : steps) {
            lines.add(String.format("%6s %9.1f %11.1f %9.1f%% %15s %17s %11.1f %14.1f%s", fmt(s.rate()),
                    s.offered() / (double) s.seconds(), s.confirmed() / (double) s.seconds(), s.confirmedPercent(),
                    Percentiles.pair(s.placeMicros()), Percentiles.pair(s.orderMicros()), s.cpuPerCheckout(),
                    s.cpuPerCheckoutAboveIdle(idleCores()), s.withinCapacity() ? "" : "  (past capacity)"));
        }
        return lines;
    }

    /** CPU ms per confirmed checkout by process and step, and each process's idle share of a core. */
    List<String> processTable() {
        TreeSet<String> names = new TreeSet<>(idleMillis.keySet());
        steps.forEach(s -> names.addAll(s.cpuMillis().keySet()));
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format("%-16s %9s", "process", "idle core"));
        steps.forEach(s -> head.append(String.format(" %9s", "@" + fmt(s.rate()) + "/s")));
        lines.add(head + "   (CPU-ms per confirmed checkout)");
        for (String name : names) {
            StringBuilder row = new StringBuilder(String.format("%-16s %9.3f", name,
                    idleWallMillis == 0 ? 0 : idleMillis.getOrDefault(name, 0L) / (double) idleWallMillis));
            for (BenchStep s : steps) {
                row.append(String.format(" %9.1f", s.confirmed() == 0 ? Double.NaN
                        : s.cpuMillis().getOrDefault(name, 0L) / (double) s.confirmed()));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    /**
     * {@code bench checkout: capacity <R> sessions/s (place p99 <x> ms), <c> CPU-ms per checkout, idle <i> cores}, with
     * the CPU figure of the reference step (the one nearest the reference rate).
     */
    String lastLine() {
        String capacity = capacity().map(s -> fmt(s.rate()) + " sessions/s (place p99 " + String.format("%.0f", s.placeP99()) + " ms)")
                .orElse("0 sessions/s (no step within 99% confirmed and place p99 < 500 ms)");
        String cpu = reference().map(s -> String.format("%.1f CPU-ms per checkout", s.cpuPerCheckout()))
                .orElse("? CPU-ms per checkout");
        return String.format("bench checkout: capacity %s, %s, idle %.2f cores", capacity, cpu, idleCores());
    }

    static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
