package io.tandem.proxy.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges which clusters are outliers from what their live requests and readiness probes did. Pure: no clock, no
 * state; {@link NewSessionWeight} turns verdicts into weights over time.
 *
 * <p>A cluster is an outlier when, over the window,
 * <ul>
 *     <li>its live requests fail at {@code error-ratio} or more (with at least {@code min-requests}), or</li>
 *     <li>its live p99 is at or over {@code latency-threshold} while the best other cluster's is under it, and
 *     {@code latency-factor} times that, or</li>
 *     <li>its readiness takes {@code probe-latency-threshold} or more (the probe's round trip, or the slowest store
 *     check the cluster reports, whichever is longer) while the best other cluster's takes less, and
 *     {@code latency-factor} times that (this still sees a cluster that takes no new session any more, and so has
 *     little live traffic: the ramp back waits for its stores to be fast).</li>
 * </ul>
 * Slowness must be one cluster's own: a platform slow everywhere, as under overload, moves nothing (moving new
 * sessions to a cluster as loaded would only spread the load, and the first measurement seen here, with both
 * clusters over capacity, swung new sessions from one to the other every few seconds).
 * Sheds (503 with Retry-After) are not failures: a busy cluster is not sick ({@link NewSessionThrottle} sees them).
 */
public final class OutlierDetector {
    private final OutlierSettings settings;

    public OutlierDetector(OutlierSettings settings) {
        this.settings = settings;
    }

    /**
     * Judges every cluster.
     *
     * @param candidates every cluster, with its figures
     * @return a verdict for each, by name, in the order given
     */
    public Map<String, Verdict> judge(List<Candidate> candidates) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            verdicts.put(c.name(), judge(c, candidates));
        }
        return verdicts;
    }

    private Verdict judge(Candidate c, List<Candidate> all) {
        if (!settings.enabled() || !c.eligible()) {
            return Verdict.NONE;
        }
        LiveWindow.Snapshot live = c.live();
        long window = settings.window().toSeconds();
        if (live.requests() >= settings.minRequests() && live.errorRatio() >= settings.errorRatio()) {
            return new Verdict(true, String.format("%.0f%% of %d live requests failed in %d s",
                    100 * live.errorRatio(), live.requests(), window));
        }
        if (live.requests() >= settings.minRequests()) {
            long p99 = live.latencyMillis(0.99);
            long best = bestOther(c, all, true);
            long threshold = settings.latencyThreshold().toMillis();
            if (p99 >= threshold && (best < 0 || (best < threshold && p99 >= settings.latencyFactor() * best))) {
                return new Verdict(true, "live p99 " + p99 + " ms" + (best < 0 ? "" : " (best other " + best + " ms)"));
            }
        }
        long probe = c.probeMillis();
        long bestProbe = bestOther(c, all, false);
        long probeThreshold = settings.probeLatencyThreshold().toMillis();
        if (probe >= probeThreshold && (bestProbe < 0
                || (bestProbe < probeThreshold && probe >= settings.latencyFactor() * Math.max(1, bestProbe)))) {
            return new Verdict(true, "readiness (store checks) takes " + probe + " ms"
                    + (bestProbe < 0 ? "" : " (best other " + bestProbe + " ms)"));
        }
        return Verdict.NONE;
    }

    /** The lowest live p99 (or probe time) among the other eligible clusters; -1 when none has the figure. */
    private long bestOther(Candidate self, List<Candidate> all, boolean live) {
        long best = -1;
        for (Candidate o : all) {
            if (o == self || !o.eligible()) {
                continue;
            }
            long v;
            if (live) {
                if (o.live().requests() < settings.minRequests()) {
                    continue;
                }
                v = o.live().latencyMillis(0.99);
            } else {
                v = o.probeMillis();
            }
            if (v >= 0 && (best < 0 || v < best)) {
                best = v;
            }
        }
        return best;
    }

    /**
     * One cluster's figures.
     *
     * @param name        cluster name
     * @param eligible    whether it may take new sessions at all (routable by health, not drained)
     * @param live        its live requests over the window
     * @param probeMillis how long its readiness answers take (median of the last few; -1 with no answer yet)
     */
    public record Candidate(String name, boolean eligible, LiveWindow.Snapshot live, long probeMillis) {
    }

    /**
     * @param outlier whether the cluster is an outlier now
     * @param reason  why, for the admin view and the logs; empty when not
     */
    public record Verdict(boolean outlier, String reason) {
        static final Verdict NONE = new Verdict(false, "");
    }
}
