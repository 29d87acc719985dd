package io.tandem.drill;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

class ProxyMetricsTest {
    private static final String TEXT = """
            # TYPE tandem_proxy_added_latency_seconds histogram
            tandem_proxy_added_latency_seconds{scope="application",quantile="0.5",} 0.0
            tandem_proxy_added_latency_seconds_bucket{scope="application",le="1.0E-4",} 10.0
            tandem_proxy_added_latency_seconds_bucket{scope="application",le="2.5E-4",} 30.0
            tandem_proxy_added_latency_seconds_bucket{scope="application",le="5.0E-4",} 90.0
            tandem_proxy_added_latency_seconds_bucket{scope="application",le="+Inf",} 100.0
            tandem_proxy_requests_total{cluster="a",rule="session",scope="application",} 7.0
            """;

    @Test
    void parsesOnlyTheAddedLatencyBuckets() {
        TreeMap<Double, Double> buckets = ProxyMetrics.parse(TEXT);
        assertThat(buckets.size(), is(4));
        assertThat(buckets.get(2.5E-4), is(30.0));
        assertThat(buckets.lastEntry().getValue(), is(100.0));
    }

    @Test
    void medianOfTheDifferenceIsInterpolatedInsideItsBucket() {
        TreeMap<Double, Double> after = ProxyMetrics.parse(TEXT);
        TreeMap<Double, Double> before = new TreeMap<>();
        // 100 samples: the 50th lies in (0.25, 0.5] ms, 20 of 60 into it -> 0.25 + 0.25 * 20/60 ms
        assertThat(ProxyMetrics.p50Millis(before, after), closeTo(0.3333, 0.001));
        TreeMap<Double, Double> earlier = new TreeMap<>(after);
        earlier.replaceAll((k, v) -> v / 2);
        assertThat(ProxyMetrics.p50Millis(earlier, after), closeTo(0.3333, 0.001));
        assertThat(Double.isNaN(ProxyMetrics.p50Millis(after, after)), is(true));
    }
}
