package io.tandem.order.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The business meters as Prometheus scrapes them from /observe/metrics: the names dashboards/metrics.md promises
 * (and check-metrics.sh looks for), present at 0 from the start, and what each call adds.
 */
@ServerTest
class OrderMetricsTest {
    private final Http1Client client;

    OrderMetricsTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        server.addFeature(ObserveFeature.just(MetricsObserver.create()));
    }

    @Test
    void theBusinessSeriesExistFromTheStartForEveryConfiguredCurrency() {
        new OrderMetrics("om-fresh", java.util.List.of("EUR", "USD"));
        String text = scrape();
        for (String currency : java.util.List.of("EUR", "USD")) {
            String labels = "\\{(?=[^}]*cluster=\"om-fresh\")(?=[^}]*currency=\"" + currency + "\")[^}]*";
            assertThat(value(text, "tandem_order_value_cents_count" + labels + "\\}"), is(0.0));
            assertThat(value(text, "tandem_order_value_cents_sum" + labels + "\\}"), is(0.0));
            assertThat(value(text, "tandem_order_value_cents_bucket" + labels + "le=\"5000\\.0\"[^}]*\\}"), is(0.0));
        }
        String cluster = "\\{[^}]*cluster=\"om-fresh\"[^}]*";
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_count" + cluster + "\\}"), is(0.0));
        assertThat(text, containsString("tandem_checkout_time_to_order_seconds_bucket{"));
        assertThat(value(text, "orders_placed_total" + cluster + "\\}"), is(0.0));
        assertThat(value(text, "orders_confirmed_total" + cluster + "\\}"), is(0.0));
    }

    @Test
    void aConfirmedOrderAddsOneToTheCountAndItsTotalToTheSum() {
        OrderMetrics metrics = new OrderMetrics("om-value");
        metrics.confirmed(System.currentTimeMillis() - 100, 1999L, "EUR");
        metrics.confirmed(System.currentTimeMillis() - 100, 4001L, "EUR");
        String text = scrape();
        String eur = "\\{(?=[^}]*cluster=\"om-value\")(?=[^}]*currency=\"EUR\")[^}]*";
        assertThat(value(text, "tandem_order_value_cents_count" + eur + "\\}"), is(2.0));
        assertThat("the average order value is 30.00 EUR", value(text, "tandem_order_value_cents_sum" + eur + "\\}"),
                closeTo(6000, 0.001));
        assertThat(value(text, "tandem_order_value_cents_bucket" + eur + "le=\"2000\\.0\"[^}]*\\}"), is(1.0));
        assertThat(value(text, "tandem_order_value_cents_bucket" + eur + "le=\"5000\\.0\"[^}]*\\}"), is(2.0));
        assertThat(value(text, "orders_confirmed_total\\{[^}]*cluster=\"om-value\"[^}]*\\}"), is(2.0));
    }

    @Test
    void timeToCheckoutCountsFromTheSessionStartAndNeverBelowZero() {
        OrderMetrics metrics = new OrderMetrics("om-time");
        long start = 1_767_225_600_000L;
        metrics.sessionOrdered(start, start + 45_000);
        metrics.sessionOrdered(start, start - 3_000);   // the order's clock behind the cart's: counted as 0
        String text = scrape();
        String cluster = "\\{[^}]*cluster=\"om-time\"[^}]*";
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_count" + cluster + "\\}"), is(2.0));
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_sum" + cluster + "\\}"), closeTo(45, 0.001));
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_bucket" + cluster + "le=\"0\\.25\"[^}]*\\}"), is(1.0));
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_bucket" + cluster + "le=\"30\\.0\"[^}]*\\}"), is(1.0));
        assertThat(value(text, "tandem_checkout_time_to_order_seconds_bucket" + cluster + "le=\"60\\.0\"[^}]*\\}"), is(2.0));
    }

    private String scrape() {
        try (Http1ClientResponse response = client.get("/observe/metrics").accept(MediaTypes.TEXT_PLAIN).request()) {
            assertThat(response.status(), is(Status.OK_200));
            return response.as(String.class);
        }
    }

    /** The value of the one series whose name and labels match; fails when there is none. */
    private static double value(String text, String seriesRegex) {
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)$").matcher(text);
        assertThat("a series matching " + seriesRegex + " among:\n" + String.join("\n",
                text.lines().filter(l -> l.contains("cluster=\"om-")).toList()), m.find(), is(true));
        return Double.parseDouble(m.group(1));
    }
}
