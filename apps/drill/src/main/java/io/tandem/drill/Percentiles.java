package io.tandem.drill;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of microsecond samples, shown in milliseconds. */
final class Percentiles {
    private Percentiles() {
    }

    static double of(List<Long> micros, double p) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    static String pair(List<Long> micros) {
        if (micros.isEmpty()) {
            return "-";
        }
        return String.format("%.0f/%.0f", of(micros, 50), of(micros, 99));
    }
}
