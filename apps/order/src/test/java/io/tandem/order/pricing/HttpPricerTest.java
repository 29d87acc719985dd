package io.tandem.order.pricing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

/**
 * The order's pricing against the real catalog and offers services (their own Main, free ports), offers slowed
 * with its failure knob: a slow offers must not hold an order up, it is priced without discount and says so.
 */
class HttpPricerTest {
    private static final List<OrderLine> LINES = List.of(new OrderLine("P00001", 1), new OrderLine("P00002", 2));
    private static WebServer catalog;
    private static WebServer offers;

    @BeforeAll
    static void start() {
        Config freePort = Config.just(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1")));
        catalog = io.tandem.catalog.Main.start(freePort);
        offers = io.tandem.offers.Main.start(freePort);
    }

    @AfterAll
    static void stop() {
        catalog.stop();
        offers.stop();
    }

    @AfterEach
    void healOffers() {
        offersClient().delete("/admin/knobs").request().close();
    }

    @Test
    void healthyOffersDiscount() {
        assertThat(pricer(Duration.ofSeconds(3)).price(LINES, "u1").discountStatus(), is("APPLIED"));
    }

    @Test
    void slowOffersArePassedOverWithinTheOffersTimeout() {
        offersClient().post("/admin/knobs").header(HeaderValues.CONTENT_TYPE_JSON).submit("{\"latencyMs\":1500}").close();

        PricedOrder priced = pricer(Duration.ofMillis(200)).price(LINES, "u1");

        assertThat(priced.discountStatus(), is("SKIPPED_OFFERS_UNAVAILABLE"));
        assertThat(priced.lines().stream().map(PricedOrder.Line::percentOff).toList(), everyItem(is(0)));
    }

    @Test
    void offersSlowerThanUsualButWithinItsTimeoutStillDiscount() {
        offersClient().post("/admin/knobs").header(HeaderValues.CONTENT_TYPE_JSON).submit("{\"latencyMs\":300}").close();

        assertThat(pricer(Duration.ofSeconds(3)).price(LINES, "u1").discountStatus(), is("APPLIED"));
    }

    private static HttpPricer pricer(Duration offersTimeout) {
        return new HttpPricer(URI.create("http://127.0.0.1:" + catalog.port()), URI.create("http://127.0.0.1:" + offers.port()),
                Duration.ofSeconds(3), offersTimeout, userId -> false);
    }

    private static Http1Client offersClient() {
        return Http1Client.builder().baseUri("http://127.0.0.1:" + offers.port()).build();
    }
}
