package io.tandem.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The per-phase table: sessions, orders, failures, p50/p99 per step (ms), share of sessions per cluster. */
final class PhaseTable {
    static final List<String> STEPS = List.of("cart", "atc", "address", "place", "poll", "order");

    private PhaseTable() {
    }

    /** @param phases phase names in order, each with the percent of new users sent to B */
    static List<String> render(List<Map.Entry<String, Integer>> phases, Recorder recorder) {
        Map<String, List<Recorder.SessionEnd>> sessions = recorder.sessions().stream()
                .collect(Collectors.groupingBy(Recorder.SessionEnd::phase));
        Map<String, List<Recorder.Sample>> samples = recorder.samples().stream()
                .collect(Collectors.groupingBy(Recorder.Sample::phase));
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format("%-10s %4s %8s %6s %9s %8s", "phase", "B%", "sessions",
                "orders", "confirmed", "failures"));
        STEPS.forEach(s -> head.append(String.format(" %11s", s + " p50/99")));
        head.append(String.format(" %11s", "share a/b"));
        lines.add(head.toString());
        for (var phase : phases) {
            List<Recorder.SessionEnd> ends = sessions.getOrDefault(phase.getKey(), List.of());
            List<Recorder.Sample> ss = samples.getOrDefault(phase.getKey(), List.of());
            long orders = ends.stream().filter(e -> e.orderNumber() != null).count();
            long confirmed = ends.stream().filter(e -> "CONFIRMED".equals(e.orderStatus())).count();
            long failures = ends.stream().filter(e -> e.failure() != null).count();
            long onA = ends.stream().filter(e -> e.cluster() == 'a').count();
            long onB = ends.stream().filter(e -> e.cluster() == 'b').count();
            long known = Math.max(1, onA + onB);
            StringBuilder row = new StringBuilder(String.format("%-10s %4d %8d %6d %9d %8d", phase.getKey(),
                    phase.getValue(), ends.size(), orders, confirmed, failures));
            for (String step : STEPS) {
                List<Long> micros = ss.stream().filter(s -> s.step().equals(step) && s.status() > 0 && s.status() < 500)
                        .map(Recorder.Sample::micros).toList();
                row.append(String.format(" %11s", Percentiles.pair(micros)));
            }
            row.append(String.format(" %11s", String.format("%d%%/%d%%", Math.round(100.0 * onA / known),
                    Math.round(100.0 * onB / known))));
            lines.add(row.toString());
        }
        return lines;
    }

    /** The most frequent failure codes, for people. */
    static List<String> failures(Recorder recorder) {
        return recorder.sessions().stream().filter(e -> e.failure() != null)
                .collect(Collectors.groupingBy(e -> e.phase() + ": " + e.failure(), Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> "  " + e.getValue() + " x " + e.getKey()).toList();
    }

    /** The sessions the platform shed (still refused after the client's retries), by step and code, for people. */
    static List<String> refusals(Recorder recorder) {
        return recorder.refusals().stream()
                .collect(Collectors.groupingBy(r -> r.phase() + ": " + r.step() + " " + r.code()
                        + (r.firstCall() ? " (first call)" : " (cart abandoned)"), Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> "  " + e.getValue() + " x " + e.getKey()).toList();
    }
}
