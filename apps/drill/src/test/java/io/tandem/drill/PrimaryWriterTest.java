package io.tandem.drill;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PrimaryWriterTest {
    private static PrimaryWriter.Attempt ok(long at) {
        return new PrimaryWriter.Attempt(at, true, false, "");
    }

    private static PrimaryWriter.Attempt refused(long at) {
        return new PrimaryWriter.Attempt(at, false, true, "503 PRIMARY_UNAVAILABLE");
    }

    @Test
    void refusedTimeRunsFromTheFirstRefusalToTheNextAnswer() {
        List<PrimaryWriter.Attempt> attempts = List.of(ok(0), refused(100), refused(200), ok(350), refused(500), ok(520));
        assertThat(PrimaryWriter.refused(attempts, 0, 1000), is(250L + 20L));
    }

    @Test
    void aRefusalStillOpenAtTheEndCountsToTheEnd() {
        assertThat(PrimaryWriter.refused(List.of(ok(0), refused(100)), 0, 400), is(300L));
    }

    @Test
    void aBusinessRefusalIsAnAnswerNotAnOutage() {
        PrimaryWriter.Attempt outOfStock = new PrimaryWriter.Attempt(100, false, false, "422 OUT_OF_STOCK");
        assertThat(PrimaryWriter.refused(List.of(ok(0), outOfStock, ok(200)), 0, 300), is(0L));
    }
}
