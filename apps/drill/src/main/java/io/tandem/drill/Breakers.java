package io.tandem.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dependency's breaker state on each cluster, from {@code tandem_breaker_state{dependency}} (0 closed, 1 half-open, 2 open). */
final class Breakers {
    private final List<String> clusterUrls;
    private final Pattern gauge;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Breakers(Env env, String dependency) {
        this.clusterUrls = List.of(env.get("cluster.a.url"), env.get("cluster.b.url"));
        this.gauge = Pattern.compile("^tandem_breaker_state\\{[^}]*dependency=\"" + Pattern.quote(dependency)
                + "\"[^}]*}\\s+([0-9.]+)", Pattern.MULTILINE);
    }

    /** The worst state over the clusters that answered; empty when none did. */
    OptionalInt worst() {
        int worst = -1;
        for (String url : clusterUrls) {
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "/observe/metrics"))
                        .timeout(Duration.ofSeconds(2)).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = gauge.matcher(res.body());
                if (m.find()) {
                    worst = Math.max(worst, (int) Double.parseDouble(m.group(1)));
                }
            } catch (Exception e) {
                // a cluster that does not answer has no say
            }
        }
        return worst < 0 ? OptionalInt.empty() : OptionalInt.of(worst);
    }
}
