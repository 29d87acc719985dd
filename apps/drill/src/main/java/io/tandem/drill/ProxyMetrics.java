package io.tandem.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy's /observe/metrics as the drill reads it: its own added-latency histogram
 * ({@code tandem_proxy_added_latency_seconds_bucket}) and counter families such as the health transitions.
 */
public final class ProxyMetrics {
    static final String HEALTH_TRANSITIONS = "tandem_proxy_health_transitions_total";
    private static final Pattern BUCKET = Pattern.compile(
            "^tandem_proxy_added_latency_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ProxyMetrics(String proxyUrl) {
        this.url = proxyUrl.replaceAll("/+$", "") + "/observe/metrics";
    }

    /** Cumulative bucket counts by upper bound in seconds; empty when the proxy does not export them. */
    public Optional<TreeMap<Double, Double>> buckets() {
        return text().map(ProxyMetrics::parse).filter(m -> !m.isEmpty());
    }

    /** A counter family, label set ({@code cluster="a",to="down"}) to value; empty when the proxy does not answer. */
    Map<String, Double> counters(String name) {
        return text().map(t -> parseCounters(t, name)).orElse(Map.of());
    }

    private Optional<String> text() {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(res.body());
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Map<String, Double> parseCounters(String text, String name) {
        Map<String, Double> values = new TreeMap<>();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+([0-9.eE+-]+)", Pattern.MULTILINE)
                .matcher(text);
        while (m.find()) {
            values.merge(m.group(1) == null ? "" : m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return values;
    }

    /** What grew between two readings of a counter family, by label set (only those that grew). */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> grew = new TreeMap<>();
        after.forEach((labels, v) -> {
            double d = v - before.getOrDefault(labels, 0.0);
            if (d > 0) {
                grew.put(labels, d);
            }
        });
        return grew;
    }

    static TreeMap<Double, Double> parse(String text) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(text);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
        }
        return buckets;
    }

    /** The median of what was recorded between two snapshots, interpolated inside its bucket, in ms. */
    public static double p50Millis(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        double total = 0;
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (var e : after.entrySet()) {
            double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            delta.put(e.getKey(), d);
            total = Math.max(total, d);
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double half = total / 2;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var e : delta.entrySet()) {
            if (e.getValue() >= half) {
                double upper = e.getKey().isInfinite() ? lowerBound : e.getKey();
                double inBucket = e.getValue() - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (half - lowerCount) / inBucket;
                return (lowerBound + (upper - lowerBound) * fraction) * 1000;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound * 1000;
    }
}
