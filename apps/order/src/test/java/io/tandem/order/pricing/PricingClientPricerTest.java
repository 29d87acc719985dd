package io.tandem.order.pricing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;

import io.tandem.common.pricing.PricingClient;
import io.tandem.flags.TandemFlags;
import io.tandem.order.domain.OrderLine;
import io.tandem.order.domain.PricedOrder;
import io.tandem.order.domain.StepFailure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The order's pricing against the real catalog and offers services (their own Main, free ports), offers slowed
 * with its failure knob: a slow offers must not hold an order up; once its breaker is open, orders do not even
 * wait for the timeout.
 */
class PricingClientPricerTest {
    private static final List<OrderLine> LINES = List.of(new OrderLine("P00001", 1), new OrderLine("P00002", 2));
    private static WebServer catalog;
    private static WebServer offers;

    @BeforeAll
    static void start() {
        Config freePort = Config.just(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1",
                "admin.token", io.tandem.common.testing.TestIdentity.ADMIN_TOKEN)));
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
        offersClient().delete("/admin/knobs").header(io.helidon.http.HeaderNames.AUTHORIZATION, io.tandem.common.testing.TestIdentity.ADMIN_BEARER).request().close();
    }

    @Test
    void healthyOffersDiscountAndStockIsKeptForTheReservation() {
        PricedOrder priced = pricer("PT3S", false).price(LINES, "u1");

        assertThat(priced.discountStatus(), is("APPLIED"));
        assertThat(priced.lines().get(1).quantity(), is(2));
        assertThat(priced.lines().stream().allMatch(l -> l.stock() > 0), is(true));
    }

    @Test
    void slowOffersArePassedOverAndItsOpenBreakerStopsTheWaiting() {
        offersClient().post("/admin/knobs").header(io.helidon.http.HeaderNames.AUTHORIZATION, io.tandem.common.testing.TestIdentity.ADMIN_BEARER).header(HeaderValues.CONTENT_TYPE_JSON).submit("{\"latencyMs\":1500}").close();
        PricingClient client = client("PT0.2S", false);
        PricingClientPricer pricer = new PricingClientPricer(client);

        PricedOrder priced = pricer.price(LINES, "u1");
        assertThat(priced.discountStatus(), is("SKIPPED_OFFERS_UNAVAILABLE"));
        assertThat(priced.lines().stream().map(PricedOrder.Line::percentOff).toList(), everyItem(is(0)));

        for (int i = 0; i < 10 && client.offersBreaker() != CircuitBreaker.State.OPEN; i++) {
            pricer.price(LINES, "u1");
        }
        assertThat(client.offersBreaker(), is(CircuitBreaker.State.OPEN));
        long started = System.nanoTime();
        assertThat(pricer.price(LINES, "u1").discountStatus(), is("SKIPPED_OFFERS_UNAVAILABLE"));
        assertThat("ms with the breaker open", (System.nanoTime() - started) / 1_000_000, lessThan(200L));
    }

    @Test
    void killSwitchSkipsOffers() {
        assertThat(pricer("PT3S", true).price(LINES, "u1").discountStatus(), is("SKIPPED_KILL_SWITCH"));
    }

    @Test
    void unknownProductIsAStepFailureTheClientCanActOn() {
        StepFailure failure = assertThrows(StepFailure.class,
                () -> pricer("PT3S", false).price(List.of(new OrderLine("P99999", 1)), "u1"));

        assertThat(failure.code(), is("UNKNOWN_PRODUCT"));
        assertThat(failure.getMessage(), containsString("P99999"));
        assertThat(failure.hint(), containsString("remove"));
    }

    private static PricingClientPricer pricer(String offersTimeout, boolean killSwitch) {
        return new PricingClientPricer(client(offersTimeout, killSwitch));
    }

    private static PricingClient client(String offersTimeout, boolean killSwitch) {
        Map<String, String> settings = new HashMap<>();
        settings.put("catalog.url", "http://127.0.0.1:" + catalog.port());
        settings.put("offers.url", "http://127.0.0.1:" + offers.port());
        settings.put("ft.offers.timeout", offersTimeout);
        return new PricingClient(Config.just(ConfigSources.create(settings)),
                (flag, userId) -> killSwitch && flag == TandemFlags.OFFER_KILL_SWITCH);
    }

    private static Http1Client offersClient() {
        return Http1Client.builder().baseUri("http://127.0.0.1:" + offers.port()).build();
    }
}
