package io.tandem.cluster.admission;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NewSessionRampTest {
    private static final long SECOND = 1_000_000_000L;
    private final long[] now = {5 * SECOND};
    /** Busy from 100 ms of checkout work on. */
    private final NewSessionRamp ramp = new NewSessionRamp(2.0, 3, 100, () -> now[0]);

    private int admitted(int tries, boolean busy) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            n += ramp.tryAdmit(busy ? 100 : 99) ? 1 : 0;
        }
        return n;
    }

    @Test
    void notBusyEverySessionPassesAndCounts() {
        assertThat(admitted(40, false), is(40));
        now[0] += SECOND;
        assertThat("the 40 of the second before, doubled", ramp.budget(), is(80));
    }

    @Test
    void busyFromTheFloorUpByTheGrowthEachSecond() {
        assertThat("nothing the second before: the floor", admitted(100, true), is(3));
        now[0] += SECOND;
        assertThat(admitted(100, true), is(6));
        now[0] += SECOND;
        assertThat(admitted(100, true), is(12));
        now[0] += SECOND / 2;
        assertThat("the same second: nothing more", admitted(100, true), is(0));
    }

    @Test
    void aSecondWithNothingLetsOnlyTheFloorThrough() {
        admitted(50, false);
        now[0] += 2 * SECOND;
        assertThat(admitted(100, true), is(3));
    }

    @Test
    void aRampThatCouldNotGrowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NewSessionRamp(1.0, 3, 100, () -> 0L));
        assertThrows(IllegalArgumentException.class, () -> new NewSessionRamp(1.5, 0, 100, () -> 0L));
    }
}
