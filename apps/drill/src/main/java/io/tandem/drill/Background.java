package io.tandem.drill;

import java.time.Duration;
import java.util.List;

/** A bounded checkout load on its own thread, so a chaos scenario can break things while it runs. */
final class Background {
    final Recorder recorder = new Recorder();
    final String userPrefix;
    final long since = System.currentTimeMillis();
    private final Thread thread;

    Background(Env env, String name, double perSecond, Duration duration) {
        this(env, name, prefixFor(name), perSecond, duration, true);
    }

    /**
     * A load whose users' saved addresses may have been made ahead ({@code seed} false): a scenario that kills db-a
     * saves them before the kill, as a real shop's customers had theirs long before.
     */
    Background(Env env, String name, String userPrefix, double perSecond, Duration duration, boolean seed) {
        this.userPrefix = userPrefix;
        Shop shop = new Shop(env.get("proxy.url"), Jwt.of(env));
        recorder.phase(name);
        int budget = budget(perSecond, duration);
        if (seed) {
            SavedAddresses.seed(env, userPrefix, budget);
        }
        thread = Thread.ofVirtual().start(() -> {
            try (Load load = new Load(shop, recorder, userPrefix, budget, Load.DEFAULT_MAX_IN_FLIGHT, Load.DEFAULT_POLL_TIMEOUT_MS)) {
                load.run(perSecond, duration);
            }
        });
    }

    static String prefixFor(String name) {
        return "chaos-" + name + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /** Sessions a load may start: its rate over its duration, and a few more. */
    static int budget(double perSecond, Duration duration) {
        return (int) (perSecond * duration.toSeconds()) + 5;
    }

    /** Waits for the load and its sessions to end. */
    Background join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return this;
    }

    List<String> accepted() {
        return recorder.sessions().stream().map(Recorder.SessionEnd::orderNumber).filter(n -> n != null).toList();
    }

    /** Sessions started in [from, to) epoch millis. */
    List<Recorder.SessionEnd> startedBetween(long from, long to) {
        return recorder.sessions().stream().filter(s -> s.startMillis() >= from && s.startMillis() < to).toList();
    }

    static boolean buyNow(Recorder.SessionEnd s) {
        return s.kind().equals("bn") || s.kind().equals("bn+address-read");
    }

    String summary() {
        List<Recorder.SessionEnd> all = recorder.sessions();
        long failed = all.stream().filter(s -> s.failure() != null).count();
        long onB = all.stream().filter(s -> s.cluster() == 'b').count();
        int refused = recorder.refusals().size();
        return all.size() + " sessions, " + accepted().size() + " orders accepted, " + failed + " failed, "
                + (refused > 0 ? refused + " refused (busy), " : "") + onB + " on B";
    }
}
