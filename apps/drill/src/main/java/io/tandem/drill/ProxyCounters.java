package io.tandem.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A counter family from the proxy's /observe/metrics, one value per label set (e.g. the health transitions). */
final class ProxyCounters {
    static final String HEALTH_TRANSITIONS = "tandem_proxy_health_transitions_total";
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ProxyCounters(String proxyUrl) {
        this.url = URI.create(proxyUrl.replaceAll("/+$", "") + "/observe/metrics");
    }

    /** Label set ({@code cluster="a",to="down"}) to value; empty when the proxy does not answer. */
    Map<String, Double> read(String name) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            return parse(res.body(), name);
        } catch (java.io.IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, Double> parse(String text, String name) {
        Map<String, Double> values = new TreeMap<>();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+([0-9.eE+-]+)", Pattern.MULTILINE)
                .matcher(text);
        while (m.find()) {
            values.merge(m.group(1) == null ? "" : m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return values;
    }

    /** What grew between two readings, by label set (only those that grew). */
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
}
