package io.tandem.cluster.replication;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class SemiSyncMonitorTest {
    @Test
    void unknownUntilReadThenTheLastAnswerAUnreadableReadingChangesNothing() {
        try (SemiSyncMonitor monitor = new SemiSyncMonitor("db.primary")) {
            assertThat(Double.isNaN(monitor.status()), is(true));
            monitor.observe(1.0);
            assertThat(monitor.status(), is(1.0));
            monitor.observe(Double.NaN);
            assertThat("a database that does not answer is not a fall back", monitor.status(), is(1.0));
            monitor.observe(0.0);
            assertThat(monitor.status(), is(0.0));
        }
    }
}
