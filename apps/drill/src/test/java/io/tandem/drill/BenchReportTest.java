package io.tandem.drill;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

class BenchReportTest {
    @Test
    void capacityIsTheHighestStepWithNinetyNinePercentConfirmedAndPlaceP99Under500Ms() {
        BenchStep ten = step(10, 300, 300, 80, Map.of("cluster-a", 9000L));
        BenchStep twenty = step(20, 600, 596, 120, Map.of("cluster-a", 15000L, "kafka", 3000L));
        BenchStep thirty = step(30, 900, 880, 200, Map.of("cluster-a", 30000L)); // 97.8% confirmed
        BenchStep forty = step(40, 1200, 1200, 700, Map.of("cluster-a", 40000L)); // slow
        BenchReport report = new BenchReport(List.of(ten, twenty, thirty, forty), Map.of("cluster-a", 3000L), 30_000, 20);
        assertThat(report.capacity().orElseThrow().rate(), is(20.0));
        assertThat(report.idleCores(), closeTo(0.1, 1e-9));
        assertThat(report.lastLine(), is("bench checkout: capacity 20 sessions/s (place p99 120 ms), 30.2 CPU-ms per checkout,"
                + " idle 0.10 cores"));
    }

    @Test
    void aboveIdleTakesOffWhatTheEnvironmentBurnsIdleOverTheWindow() {
        BenchStep s = step(20, 600, 600, 100, Map.of("a", 30_000L)); // window 30 s
        assertThat(s.cpuPerCheckoutAboveIdle(0.25), closeTo((30_000 - 0.25 * 30_000) / 600, 1e-9));
    }

    @Test
    void noStepWithinCapacitySaysSo() {
        BenchReport report = new BenchReport(List.of(step(10, 300, 100, 50, Map.of())), Map.of(), 0, 20);
        assertThat(report.capacity().isPresent(), is(false));
        assertThat(report.lastLine().startsWith("bench checkout: capacity 0 sessions/s"), is(true));
    }

    /** A 30 s step whose place calls all took {@code placeMs}. */
    private static BenchStep step(double rate, long offered, long confirmed, long placeMs, Map<String, Long> cpu) {
        List<Long> place = LongStream.range(0, offered).map(i -> placeMs * 1000).boxed().toList();
        return new BenchStep(rate, 30, 30_000, offered, confirmed, place, Collections.nCopies((int) confirmed, 900_000L), cpu);
    }
}
