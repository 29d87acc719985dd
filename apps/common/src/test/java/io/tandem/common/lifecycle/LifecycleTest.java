package io.tandem.common.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class LifecycleTest {
    private final List<String> stopped = new ArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void partsStopInReverseOfRegistration() {
        lifecycle.onStop("stores", () -> stopped.add("stores"));
        lifecycle.onStop("relay", () -> stopped.add("relay"));
        lifecycle.onStop("scheduler", () -> stopped.add("scheduler"));
        lifecycle.onStop("server", () -> stopped.add("server"));
        lifecycle.stop();
        assertThat(stopped, contains("server", "scheduler", "relay", "stores"));
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
        lifecycle.onStop("stores", () -> stopped.add("stores"));
        lifecycle.onStop("relay", () -> {
            throw new IllegalStateException("relay stuck");
        });
        lifecycle.onStop("flags", () -> {
            throw new Exception("checked too");
        });
        lifecycle.onStop("server", () -> stopped.add("server"));
        lifecycle.stop();
        assertThat(stopped, contains("server", "stores"));
    }

    @Test
    void stopRunsOnce() {
        lifecycle.onStop("stores", () -> stopped.add("stores"));
        lifecycle.stop();
        lifecycle.stop();
        assertThat(stopped, contains("stores"));
    }

    @Test
    void aPartStartedAfterTheStopIsStoppedAtOnce() {
        lifecycle.stop();
        AutoCloseable late = () -> stopped.add("late");
        assertThat(lifecycle.started("late", late), is(late));
        assertThat(stopped, contains("late"));
    }
}
