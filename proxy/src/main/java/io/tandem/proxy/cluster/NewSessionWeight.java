package io.tandem.proxy.cluster;

import java.util.List;

/**
 * One cluster's share of new sessions, 0-100, moved by outlier verdicts: down one eject step per verdict (50, 10,
 * 0 by default: never a cliff), and up one ramp step (10, 50, 100) after each ramp hold without a verdict. A cluster
 * back from DOWN starts at the first ramp step: failback is the same ramp. Sessions already on a cluster are never
 * moved by its weight: only reachability moves them ({@link ClusterHealth}).
 */
public final class NewSessionWeight {
    /** Told when the weight moves. */
    public interface Listener {
        void changed(int from, int to, String reason);
    }

    private final OutlierSettings settings;
    private final Listener listener;
    private volatile int weight = 100;
    private long since;
    private String reason = "start";

    NewSessionWeight(OutlierSettings settings, long now, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.since = now;
    }

    /** The share of new sessions this cluster may take, 0-100. */
    public int weight() {
        return weight;
    }

    /** Why the weight last moved. */
    public synchronized String reason() {
        return reason;
    }

    /**
     * Applies one verdict.
     *
     * @param verdict  the outlier detection's verdict for this cluster
     * @param mayEject whether another cluster is healthy enough to take this one's new sessions
     * @param now      nano time
     */
    public synchronized void judged(OutlierDetector.Verdict verdict, boolean mayEject, long now) {
        if (verdict.outlier()) {
            if (mayEject && weight > 0) {
                move(nextDown(settings.ejectSteps(), weight), now, verdict.reason());
            } else {
                // Held where it is; the ramp starts again only after a full hold without a verdict.
                since = now;
            }
            return;
        }
        if (weight < 100 && now - since >= settings.rampHold().toNanos()) {
            move(nextUp(settings.rampSteps(), weight), now, "no outlier verdict for " + settings.rampHold());
        }
    }

    /** The cluster came back from DOWN: it starts again from the first ramp step. */
    public synchronized void restartRamp(long now) {
        move(settings.rampSteps().getFirst(), now, "back from down: ramp starts");
    }

    private void move(int to, long now, String why) {
        int from = weight;
        since = now;
        reason = why;
        if (to != from) {
            weight = to;
            listener.changed(from, to, why);
        }
    }

    private static int nextDown(List<Integer> steps, int current) {
        for (int step : steps) {
            if (step < current) {
                return step;
            }
        }
        return 0;
    }

    private static int nextUp(List<Integer> steps, int current) {
        for (int step : steps) {
            if (step > current) {
                return step;
            }
        }
        return 100;
    }
}
