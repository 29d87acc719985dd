package io.tandem.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the load saw: every request and every session's end. Thread-safe; read once the load has stopped. */
public final class Recorder {
    /** One request: when it ended, its phase, step, the cluster its session named ('?' before it had one). */
    public record Sample(long atMillis, String phase, String step, char cluster, int status, long micros) {
    }

    /**
     * One session's end.
     *
     * @param failure null when the session went as a shopper expects (an order at its end, or a clear refusal such
     *                as ATC_DISABLED that was part of the scenario); else the code that broke it
     */
    public record SessionEnd(String phase, String kind, char cluster, String userId, String orderNumber,
                             String orderStatus, String failure, long startMillis) {
    }

    /**
     * A session that ended because a cluster or the proxy shed it (503 + Retry-After, still refused after the good
     * client's retries): a refusal, counted apart from failures.
     *
     * @param firstCall whether it came before the session made a cart (nothing was made that it then abandoned)
     */
    public record Refusal(String phase, String userId, String step, String code, boolean firstCall, long atMillis) {
    }

    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SessionEnd> sessions = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> notes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String phase = "start";

    /** Counts an observation (e.g. a cart's discount status). */
    public void note(String what) {
        notes.computeIfAbsent(what, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    public java.util.Map<String, Long> notes() {
        java.util.Map<String, Long> copy = new java.util.TreeMap<>();
        notes.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void phase(String name) {
        phase = name;
    }

    public String phase() {
        return phase;
    }

    public void sample(String phase, String step, char cluster, int status, long micros) {
        samples.add(new Sample(System.currentTimeMillis(), phase, step, cluster, status, micros));
    }

    public void session(SessionEnd end) {
        sessions.add(end);
    }

    public void refusal(Refusal refusal) {
        refusals.add(refusal);
    }

    public List<Refusal> refusals() {
        return new ArrayList<>(refusals);
    }

    public List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    public List<SessionEnd> sessions() {
        return new ArrayList<>(sessions);
    }
}
