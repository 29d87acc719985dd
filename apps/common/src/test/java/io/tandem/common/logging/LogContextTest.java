package io.tandem.common.logging;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Values set for a stretch of work, nested, undone at its end, never seen by another thread. */
class LogContextTest {
    @AfterEach
    void clean() {
        LogContext.cluster(null);
    }

    @Test
    void nestedScopesAddAndGiveBackWhatWasThere() {
        assertThat(LogContext.requestId(), is(nullValue()));
        try (LogContext.Scope request = LogContext.withRequestId("rq-1")) {
            assertThat(LogContext.requestId(), is("rq-1"));
            assertThat(LogContext.orderNumber(), is(nullValue()));
            try (LogContext.Scope order = LogContext.withOrderNumber("N-1")) {
                // the order is added, the request stays
                assertThat(LogContext.requestId(), is("rq-1"));
                assertThat(LogContext.orderNumber(), is("N-1"));
                try (LogContext.Scope other = LogContext.withOrderNumber("N-2")) {
                    assertThat(LogContext.orderNumber(), is("N-2"));
                }
                assertThat(LogContext.orderNumber(), is("N-1"));
            }
            assertThat(LogContext.orderNumber(), is(nullValue()));
            assertThat(LogContext.requestId(), is("rq-1"));
        }
        assertThat(LogContext.requestId(), is(nullValue()));
        assertThat(LogContext.orderNumber(), is(nullValue()));
    }

    @Test
    void nullOrBlankChangesNothing() {
        try (LogContext.Scope order = LogContext.withOrderNumber("N-1")) {
            try (LogContext.Scope none = LogContext.withOrderNumber(" ");
                 LogContext.Scope noRequest = LogContext.withRequestId(null)) {
                assertThat(LogContext.orderNumber(), is("N-1"));
                assertThat(LogContext.requestId(), is(nullValue()));
            }
            assertThat(LogContext.orderNumber(), is("N-1"));
        }
    }

    @Test
    void anExceptionStillUndoesTheScope() {
        try (LogContext.Scope order = LogContext.withOrderNumber("N-1")) {
            throw new IllegalStateException("step failed");
        } catch (IllegalStateException expected) {
            assertThat(LogContext.orderNumber(), is(nullValue()));
        }
    }

    @Test
    void anotherThreadSeesNoneOfThisThreadsValuesButTheProcesssCluster() throws InterruptedException {
        LogContext.cluster(" b ");
        AtomicReference<String> seen = new AtomicReference<>("unset");
        try (LogContext.Scope order = LogContext.withOrderNumber("N-1")) {
            Thread other = Thread.ofPlatform().start(() -> seen.set(LogContext.orderNumber() + "/" + LogContext.cluster()));
            other.join();
        }
        assertThat(seen.get(), is("null/B"));
        LogContext.cluster("");
        assertThat(LogContext.cluster(), is(nullValue()));
    }
}
