package io.tandem.drill;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class BusyRetryTest {
    private final List<Long> waits = new ArrayList<>();
    private final BusyRetry retry = new BusyRetry(3, waits::add);

    private static Shop.Answer busy(long retryAfter) {
        return new Shop.Answer(503, Json.createObjectBuilder().add("code", "CLUSTER_BUSY").build(), 1, null, retryAfter);
    }

    private static Shop.Answer ok() {
        return new Shop.Answer(201, JsonValue.EMPTY_JSON_OBJECT, 1, null, -1);
    }

    private Shop.Answer run(Shop.Answer... answers) {
        Deque<Shop.Answer> queue = new ArrayDeque<>(List.of(answers));
        return retry.call(queue::removeFirst);
    }

    @Test
    void waitsWhatItWasToldPlusJitterThenTriesAgain() {
        Shop.Answer answer = run(busy(1), busy(2), ok());
        assertThat(answer.status(), is(201));
        assertThat(waits.size(), is(2));
        assertThat("1 s + at most half of it: " + waits, waits.get(0) >= 1000 && waits.get(0) <= 1500, is(true));
        assertThat("2 s + at most half of it: " + waits, waits.get(1) >= 2000 && waits.get(1) <= 3000, is(true));
    }

    @Test
    void givesUpAfterItsAttemptsAndTheRefusalStands() {
        Shop.Answer answer = run(busy(1), busy(1), busy(1), ok());
        assertThat(answer.status(), is(503));
        assertThat(BusyRetry.shed(answer), is(true));
        assertThat(waits.size(), is(2));
    }

    @Test
    void neitherFailuresWithoutRetryAfterNorLongWaitsAreRetried() {
        Shop.Answer noHeader = new Shop.Answer(503, Json.createObjectBuilder().add("code", "CHECKOUT_RESTART_REQUIRED").build(), 1, null, -1);
        assertThat(run(noHeader, ok()).status(), is(503));
        assertThat(run(busy(BusyRetry.DEFAULT_MAX_WAIT_SECONDS + 1), ok()).status(), is(503));
        assertThat(waits.isEmpty(), is(true));
    }

    @Test
    void anOutageIsNotASheddingRefusal() {
        Shop.Answer store = new Shop.Answer(503, Json.createObjectBuilder().add("code", "STORE_UNAVAILABLE").build(), 1, null, 1);
        assertThat(BusyRetry.retryable(store), is(true));
        assertThat(BusyRetry.shed(store), is(false));
    }

    @Test
    void proxyCountersSumEachLabelSetAndTellWhatGrew() {
        String text = "# TYPE tandem_proxy_health_transitions_total counter\n"
                + "tandem_proxy_health_transitions_total{cluster=\"a\",to=\"down\"} 1.0\n"
                + "tandem_proxy_health_transitions_total{cluster=\"a\",to=\"up\"} 2.0\n"
                + "tandem_proxy_health_transitions_totalx 9\n";
        var before = ProxyMetrics.parseCounters(text, ProxyMetrics.HEALTH_TRANSITIONS);
        assertThat(before.size(), is(2));
        var after = ProxyMetrics.parseCounters(text.replace("} 1.0", "} 3.0"), ProxyMetrics.HEALTH_TRANSITIONS);
        assertThat(ProxyMetrics.delta(before, after).toString(), is("{{cluster=\"a\",to=\"down\"}=2.0}"));
    }
}
