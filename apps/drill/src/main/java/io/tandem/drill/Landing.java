package io.tandem.drill;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where new buy-now sessions landed around a fault, from the drill's side: the cluster each session's key names (the
 * proxy chose it when the cart was made). Add-to-cart and address-write sessions always start on A and say nothing
 * about routing, so only buy-now sessions count.
 */
final class Landing {
    /** Width of one window of {@link #windows}. */
    static final long WINDOW_MILLIS = 5_000;
    /** How long new sessions must keep off a cluster for it to count as moved (a few sessions at 3 a second). */
    static final long SUSTAIN_MILLIS = 5_000;

    private final List<Recorder.SessionEnd> buyNow;

    Landing(List<Recorder.SessionEnd> sessions) {
        this.buyNow = sessions.stream().filter(Background::buyNow)
                .sorted(java.util.Comparator.comparingLong(Recorder.SessionEnd::startMillis)).toList();
    }

    /**
     * How long after {@code from} new sessions left {@code left} for good: the start of the first session on another
     * cluster that begins a run of sessions all elsewhere for {@link #SUSTAIN_MILLIS} (or to {@code to}, if that comes
     * first), minus {@code from}. A cluster that flaps back into rotation later (its readiness recovered while the
     * fault lasted) still moved; -1 when sessions never left it in [from, to).
     */
    long movedAfter(long from, long to, char left) {
        List<Recorder.SessionEnd> in = between(from, to).stream().filter(s -> s.cluster() != '?').toList();
        for (int i = 0; i < in.size(); i++) {
            long start = in.get(i).startMillis();
            long until = Math.min(to, start + SUSTAIN_MILLIS);
            boolean away = true;
            for (int j = i; j < in.size() && in.get(j).startMillis() < until; j++) {
                away &= in.get(j).cluster() != left;
            }
            if (away) {
                return start - from;
            }
        }
        return -1;
    }

    /** Start of the first session that landed on {@code cluster} in [from, to), minus {@code from}; -1 if none. */
    long firstOn(long from, long to, char cluster) {
        return between(from, to).stream().filter(s -> s.cluster() == cluster).mapToLong(s -> s.startMillis() - from)
                .findFirst().orElse(-1);
    }

    /** Buy-now sessions that started in [from, to). */
    List<Recorder.SessionEnd> between(long from, long to) {
        return buyNow.stream().filter(s -> s.startMillis() >= from && s.startMillis() < to).toList();
    }

    /**
     * Sessions per cluster in {@link #WINDOW_MILLIS} windows from {@code from} to {@code to}, for people:
     * {@code +0s a3 b0 | +5s a1 b2 ...} ('?' = the session got no cart, so no cluster).
     */
    String windows(long from, long to) {
        StringBuilder out = new StringBuilder();
        for (long start = from; start < to; start += WINDOW_MILLIS) {
            Map<Character, Integer> counts = new TreeMap<>();
            between(start, Math.min(to, start + WINDOW_MILLIS)).forEach(s -> counts.merge(s.cluster(), 1, Integer::sum));
            if (!out.isEmpty()) {
                out.append(" | ");
            }
            out.append('+').append((start - from) / 1000).append('s');
            counts.forEach((cluster, n) -> out.append(' ').append(cluster).append(n));
        }
        return out.toString();
    }
}
