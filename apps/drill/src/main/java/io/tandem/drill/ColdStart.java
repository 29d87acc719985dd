package io.tandem.drill;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code chaos cold-start}: cluster A is stopped and started again (its start script, through terraform apply), and
 * as soon as the proxy routes to it again, half the capacity is offered for {@link #LOAD}: a JVM that is only cold
 * must not be taken for dead. Pass when the proxy's health transitions do not move during the load and no more than
 * {@value #FAILED_SHARE} of sessions fail (none told to restart); data clean.
 */
final class ColdStart {
    /**
     * Half the lowest capacity the overload scenario measured, warm, on this 2-core machine with only the environment
     * on it (16-24 sessions/s with place p99 under 500 ms, 2026-12-01 09:36-09:50); {@link #RATE_ENV} overrides it.
     */
    static final double DEFAULT_RATE = 8;
    static final String RATE_ENV = "TANDEM_COLD_START_RATE";
    static final Duration LOAD = Duration.ofSeconds(30);
    static final double FAILED_SHARE = 0.01;

    private final Env env;
    private final Environment processes;

    ColdStart(Env env, Environment processes) {
        this.env = env;
        this.processes = processes;
    }

    /** Null when it passed, else why not. */
    String run() {
        String fixed = System.getenv(RATE_ENV);
        double rate = fixed == null || fixed.isBlank() ? DEFAULT_RATE : Double.parseDouble(fixed.strip());
        processes.kill("cluster-a", false);
        processes.restore();
        String up = new ProxyHealth(env.get("proxy.url")).awaitAllUp(Chaos.SETTLE_BEFORE);
        if (up != null) {
            return "after the restart: " + up;
        }
        ProxyMetrics proxy = new ProxyMetrics(env.get("proxy.url"));
        Map<String, Double> before = proxy.counters(ProxyMetrics.HEALTH_TRANSITIONS);
        Background load = new Background(env, "cold-start", rate, LOAD).join();
        Map<String, Double> moved = ProxyMetrics.delta(before, proxy.counters(ProxyMetrics.HEALTH_TRANSITIONS));
        List<Recorder.SessionEnd> sessions = load.recorder.sessions();
        long failed = sessions.stream().filter(s -> s.failure() != null).count();
        long restarts = load.recorder.notes().entrySet().stream().filter(e -> e.getKey().startsWith("restart "))
                .mapToLong(Map.Entry::getValue).sum();
        long onA = sessions.stream().filter(s -> s.cluster() == 'a').count();
        System.out.printf("  cold cluster A, %.0f sessions/s for %d s: %s (%d on A); told to restart %d;"
                + " proxy health transitions during the load: %s%n", rate, LOAD.toSeconds(), load.summary(), onA, restarts,
                moved.isEmpty() ? "none" : moved);
        Verification v = new Verifier(env).verify(load.userPrefix, load.accepted(), load.since, Chaos.SETTLE);
        System.out.println("  data (" + load.userPrefix + "*): " + v.orders() + " orders in the databases, " + v.line());
        if (!moved.isEmpty()) {
            return "the proxy moved a cluster's health under half the capacity on a cold cluster: " + moved;
        }
        if (restarts > 0 || failed > FAILED_SHARE * sessions.size()) {
            return failed + " of " + sessions.size() + " sessions failed (" + restarts + " told to restart)";
        }
        if (onA == 0) {
            return "no session went to the restarted cluster A";
        }
        return v.clean() ? null : "data: " + v.line();
    }
}
