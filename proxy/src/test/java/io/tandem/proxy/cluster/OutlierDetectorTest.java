package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Which cluster is an outlier, from live windows filled by hand on a clock the test holds still. */
class OutlierDetectorTest {
    private final OutlierDetector detector = new OutlierDetector(OutlierSettings.defaults());
    private final long now = Duration.ofSeconds(100).toNanos();

    @Test
    void aClusterFailingAQuarterOfItsRequestsIsAnOutlier() {
        LiveWindow a = window(30, 10, 0);
        LiveWindow b = window(50, 0, 0);
        Map<String, OutlierDetector.Verdict> v = judge(a, 20, b, 20);
        assertThat(v.get("a").outlier(), is(true));
        assertThat(v.get("a").reason(), containsString("25% of 40"));
        assertThat(v.get("b").outlier(), is(false));
    }

    @Test
    void slownessOfOneClusterIsAnOutlierButSlownessEverywhereIsNot() {
        LiveWindow slowA = window(50, 0, 1500);
        LiveWindow fastB = window(50, 0, 40);
        assertThat(judge(slowA, 20, fastB, 20).get("a").outlier(), is(true));
        // Overload: both over the threshold, even one far slower than the other: nobody is moved.
        LiveWindow slowB = window(50, 0, 1000);
        assertThat(judge(slowA, 20, slowB, 20).get("a").outlier(), is(false));
        LiveWindow verySlowA = window(50, 0, 9000);
        assertThat(judge(verySlowA, 20, slowB, 20).get("a").outlier(), is(false));
        assertThat("a slow probe everywhere moves nothing", judge(fastB, 900, fastB, 300).get("a").outlier(), is(false));
    }

    @Test
    void tooFewRequestsSayNothingButASlowReadinessProbeDoes() {
        LiveWindow quietA = window(3, 3, 3000);
        LiveWindow b = window(50, 0, 40);
        assertThat(judge(quietA, 20, b, 20).get("a").outlier(), is(false));
        OutlierDetector.Verdict slowProbe = judge(quietA, 400, b, 10).get("a");
        assertThat(slowProbe.outlier(), is(true));
        assertThat(slowProbe.reason(), containsString("readiness (store checks) takes 400 ms"));
    }

    @Test
    void shedsAreNotFailures() {
        LiveWindow shedding = window(20, 0, 30);
        for (int i = 0; i < 80; i++) {
            shedding.shed();
        }
        assertThat(judge(shedding, 10, window(50, 0, 30), 10).get("a").outlier(), is(false));
    }

    @Test
    void aClusterNotTakingNewSessionsIsNotJudged() {
        LiveWindow a = window(10, 40, 0);
        Map<String, OutlierDetector.Verdict> v = detector.judge(List.of(
                new OutlierDetector.Candidate("a", false, a.snapshot(), 20),
                new OutlierDetector.Candidate("b", true, window(50, 0, 0).snapshot(), 20)));
        assertThat(v.get("a").outlier(), is(false));
    }

    private Map<String, OutlierDetector.Verdict> judge(LiveWindow a, long probeA, LiveWindow b, long probeB) {
        return detector.judge(List.of(new OutlierDetector.Candidate("a", true, a.snapshot(), probeA),
                new OutlierDetector.Candidate("b", true, b.snapshot(), probeB)));
    }

    private LiveWindow window(int answered, int failed, long millis) {
        LiveWindow w = new LiveWindow(Duration.ofSeconds(5), () -> now);
        for (int i = 0; i < answered; i++) {
            w.answered(Duration.ofMillis(millis).toNanos());
        }
        for (int i = 0; i < failed; i++) {
            w.failed(Duration.ofMillis(millis).toNanos());
        }
        return w;
    }
}
