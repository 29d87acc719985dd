package io.tandem.drill;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** Where sessions landed around a fault, from sessions made up with their start times. */
class LandingTest {
    private static Recorder.SessionEnd bn(char cluster, long start) {
        return new Recorder.SessionEnd("p", "bn", cluster, "u" + start, "n" + start, "CONFIRMED", null, start);
    }

    private static Recorder.SessionEnd failed(char cluster, long start) {
        return new Recorder.SessionEnd("p", "bn", cluster, "u" + start, null, null, "place STORE_UNAVAILABLE (The database is not answering.)", start);
    }

    @Test
    void movedWhenSessionsStayElsewhereForTheSustainTime() {
        Landing landing = new Landing(List.of(bn('a', 900), bn('a', 1200), bn('b', 1500), bn('a', 2100), bn('b', 3400),
                bn('b', 3700), bn('b', 6000), bn('b', 8500), bn('b', 9000)));
        // b at 1500 is followed by an a at 2100: the move begins at 3400
        assertThat(landing.movedAfter(1000, 20000, 'a'), is(2400L));
    }

    @Test
    void aClusterThatFlapsBackLaterStillMoved() {
        Landing landing = new Landing(List.of(bn('a', 1100), bn('b', 2000), bn('b', 4000), bn('b', 6500), bn('a', 9000)));
        assertThat(landing.movedAfter(1000, 20000, 'a'), is(1000L));
    }

    @Test
    void neverMovedWhenSessionsKeepLandingOnTheFaultedCluster() {
        Landing landing = new Landing(List.of(bn('b', 1100), bn('a', 1500), bn('b', 3000), bn('a', 5000), bn('a', 7000)));
        assertThat(landing.movedAfter(1000, 8000, 'a'), is(-1L));
    }

    @Test
    void aRunCutByTheEndOfTheWindowCountsAndNoSessionsIsNever() {
        assertThat(new Landing(List.of(bn('a', 1100), bn('b', 4000))).movedAfter(1000, 5000, 'a'), is(3000L));
        assertThat(new Landing(List.of(bn('a', 100))).movedAfter(1000, 5000, 'a'), is(-1L));
    }

    @Test
    void addToCartSessionsSayNothingAboutRouting() {
        Recorder.SessionEnd atc = new Recorder.SessionEnd("p", "atc", 'a', "u", "n", "CONFIRMED", null, 2000);
        Landing landing = new Landing(List.of(bn('b', 1500), atc));
        // the add-to-cart session on A after the first on B does not make the move later: none landed on A
        assertThat(landing.movedAfter(1000, 5000, 'a'), is(500L));
        assertThat(landing.between(0, 5000), hasSize(1));
    }

    @Test
    void firstOnAndWindows() {
        Landing landing = new Landing(List.of(bn('a', 1000), bn('b', 2000), bn('b', 7000), failed('?', 8000), bn('a', 12000)));
        assertThat(landing.firstOn(1500, 20000, 'a'), is(10500L));
        assertThat(landing.firstOn(1500, 11000, 'a'), is(-1L));
        assertThat(landing.windows(0, 15000), is("+0s a1 b1 | +5s ?1 b1 | +10s a1"));
    }

    @Test
    void notServedNamesFailuresAndSessionsOnTheWrongCluster() {
        Landing landing = new Landing(List.of(bn('a', 1000), bn('b', 2000), failed('b', 3000)));
        assertThat(GreyChaos.notServed(landing, 1500, 5000, 'b').get(0),
                is("1 of 2 buy-now sessions that started once the fault should have been routed around were not served"
                        + " by b: [b place STORE_UNAVAILABLE (The database is not answering.)]"));
        assertThat(GreyChaos.notServed(landing, 0, 2500, '*'), is(empty()));
        assertThat(GreyChaos.notServed(landing, 0, 2500, 'b').get(0).startsWith("1 of 2"), is(true));
        // a session the proxy told to restart is today's failover, not a leak: counted, not failed on
        Recorder.SessionEnd restarted = new Recorder.SessionEnd("p", "bn", 'a', "u", "n", "CREATED",
                "poll CHECKOUT_RESTART_REQUIRED", 4000);
        Landing withRestart = new Landing(List.of(bn('b', 3500), restarted));
        assertThat(GreyChaos.notServed(withRestart, 3000, 5000, '*'), is(empty()));
        assertThat(GreyChaos.sessionEnds(withRestart, 3000, 5000).toString(), is("{served=1, told to restart=1}"));
        assertThat(GreyChaos.notServed(landing, 9000, 9500, 'b'),
                contains("no buy-now session started in the window that was checked"));
    }

    @Test
    void leakedAreTimeoutsAndUnansweredStoresNotRefusalsOrRestarts() {
        assertThat(GreyChaos.leaked("place STORE_UNAVAILABLE (The database is not answering.)"), is(true));
        assertThat(GreyChaos.leaked("cart UPSTREAM_TIMEOUT (Cluster a did not answer in time.)"), is(true));
        assertThat(GreyChaos.leaked("place NO_ANSWER"), is(true));
        assertThat(GreyChaos.leaked("poll HTTP_502"), is(true));
        assertThat(GreyChaos.leaked("CLIENT_ERROR java.io.IOException"), is(true));
        assertThat(GreyChaos.leaked("place CHECKOUT_RESTART_REQUIRED (The cluster holding this checkout session is unavailable.)"), is(false));
        assertThat(GreyChaos.leaked("cart CATALOG_UNAVAILABLE (Prices cannot be read right now (catalog circuit open).)"), is(false));
        assertThat(GreyChaos.leaked("poll timeout"), is(false));
        assertThat(GreyChaos.leaked(null), is(false));
    }

    @Test
    void aSessionOnTheFaultedClusterWhileTheOtherWasDownTooIsNotHeldAgainstTheMove() {
        Landing landing = new Landing(List.of(bn('b', 1000), bn('a', 2000), bn('b', 3000)));
        assertThat(GreyChaos.notServed(landing, 0, 5000, 'b', at -> at < 1500 || at > 2500), is(empty()));
        assertThat(GreyChaos.notServed(landing, 0, 5000, 'b', at -> true).get(0).startsWith("1 of 3"), is(true));
    }
}
