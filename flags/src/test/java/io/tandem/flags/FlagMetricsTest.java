package io.tandem.flags;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/** The flag meters as a process that uses the library serves them on /observe/metrics (Prometheus text). */
@ServerTest
class FlagMetricsTest {
    private final Http1Client client;

    FlagMetricsTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        server.addFeature(ObserveFeature.just(MetricsObserver.create()));
    }

    @Test
    void evaluationsByFlagAndResultAndStateAge(@TempDir Path dir) {
        FlagsSettings settings = new FlagsSettings("http://127.0.0.1:1/api", "", "metrics-test", null, "development",
                Duration.ofSeconds(1), dir.resolve("backup.json"), Duration.ofMillis(200), Duration.ofMillis(200), null);
        double offBefore = value("tandem_flags_evaluations_total\\{.*flag=\"atc_disabled\".*result=\"false\".*\\}");
        double drillBefore = value("tandem_flags_evaluations_total\\{.*flag=\"cluster_routing\".*result=\"b\".*\\}");
        try (Flags flags = Flags.create(settings)) {
            for (int i = 0; i < 5; i++) {
                assertThat(flags.isOn(TandemFlags.ATC_DISABLED), is(false));
            }
            assertThat(flags.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("tandem-drill-user-b")), is(ClusterVariant.B));
            assertThat(value("tandem_flags_evaluations_total\\{.*flag=\"atc_disabled\".*result=\"false\".*\\}") - offBefore, closeTo(5, 0.001));
            assertThat(value("tandem_flags_evaluations_total\\{.*flag=\"cluster_routing\".*result=\"b\".*\\}") - drillBefore, closeTo(1, 0.001));
            // Never fetched and no backup: the age counts from the client's start.
            assertThat(scrape().contains("tandem_flags_state_age_seconds{app=\"metrics-test\""), is(true));
            assertThat(value("tandem_flags_state_age_seconds\\{.*app=\"metrics-test\".*\\}"), greaterThanOrEqualTo(0.0));
        }
    }

    private String scrape() {
        try (Http1ClientResponse response = client.get("/observe/metrics").accept(io.helidon.common.media.type.MediaTypes.TEXT_PLAIN).request()) {
            assertThat(response.status(), is(Status.OK_200));
            return response.as(String.class);
        }
    }

    // A series not yet created reads as 0, as a counter would.
    private double value(String seriesRegex) {
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)$").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
