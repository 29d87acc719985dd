package io.tandem.drill;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The proxy's admin view as the scenarios print it, today's and with the outlier detection's fields. */
class RoutingWatchTest {
    @Test
    void todaysAdminViewGivesTheStateAndDrain() {
        String body = "{\"clusters\":[{\"name\":\"a\",\"url\":\"http://127.0.0.1:8101\",\"primary\":true,\"state\":\"UP\","
                + "\"routable\":true,\"drained\":false,\"reason\":\"\"},{\"name\":\"b\",\"url\":\"http://127.0.0.1:8201\","
                + "\"primary\":false,\"state\":\"DOWN\",\"routable\":false,\"drained\":true,\"reason\":\"timeout\"}],"
                + "\"routing\":{\"atcDisabled\":false,\"autoFailover\":true,\"flags\":\"x\"}}";
        assertThat(RoutingWatch.parseAdmin(body).toString(), is("{a=UP, b=DOWN drained}"));
    }

    @Test
    void weightAndOutlierReasonWhenTheProxyHasThem() {
        String body = "{\"clusters\":[{\"name\":\"a\",\"state\":\"UP\",\"weight\":50,\"outlier\":\"p99 2100 ms\"},"
                + "{\"name\":\"b\",\"state\":\"UP\",\"weight\":100,\"outlier\":\"\"}]}";
        assertThat(RoutingWatch.parseAdmin(body).toString(), is("{a=UP weight=50 outlier=p99 2100 ms, b=UP weight=100}"));
    }

    @Test
    void theProxysWeightReasonIsTheOutlierReason() {
        String body = "{\"clusters\":[{\"name\":\"a\",\"state\":\"UP\",\"weight\":10,\"weightReason\":\"ramp 10%\"}]}";
        assertThat(RoutingWatch.parseAdmin(body).toString(), is("{a=UP weight=10 outlier=ramp 10%}"));
    }

    @Test
    void timeNotUpIsCountedFromTheTransitions() {
        RoutingWatch watch = RoutingWatch.replay(List.of(new RoutingWatch.Transition(1000, "b", "UP"),
                new RoutingWatch.Transition(2000, "b", "DOWN"), new RoutingWatch.Transition(3500, "b", "RECOVERING"),
                new RoutingWatch.Transition(4000, "b", "UP")));
        assertThat(watch.notUpMillis("b", 0, 6000), is(2000L));
        assertThat(watch.upAt("b", 2500), is(false));
        assertThat(watch.upAt("b", 500), is(true));
        assertThat(watch.lastBefore("b", 3600), is("RECOVERING"));
    }
}
