package io.tandem.drill;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Chaos scenario {@code region-a-lost}: under the drill's load, cluster A and db-a die (kill -9) for good;
 * {@code ./tandem failover region-a} promotes the replica and moves the primary role to B. Passes when buy-now never
 * stopped (new sessions on B, none failed after the failover window), ATC and address writes are back within
 * {@link #RTO_GOAL} of the kill (RTO printed), every write acknowledged before the kill is on the promoted database
 * (RPO printed), and after {@code ./tandem failback region-a} and a restore of cluster A every acknowledged write is on
 * db-a again and no order is lost, duplicated or split (order numbers of both clusters never collide).
 */
final class RegionLoss {
    /** The goal: writes back within a minute of the kill. */
    static final Duration RTO_GOAL = Duration.ofSeconds(60);
    /**
     * The failback drains writes "for a moment": from the drain to cluster A taking them on db-a. With cluster A
     * already running (the region back) that is the catch-up of the last transactions and the flag's flip: 1.7-7.4 s
     * in six runs here, most of it Unleash answering the flag change on a loaded machine; the bound leaves room.
     */
    static final Duration FAILBACK_FREEZE_GOAL = Duration.ofSeconds(15);
    /** ReplicaLagHigh's threshold (dashboards/prometheus/rules/tandem-alerts.yml). */
    static final double LAG_ALERT_SECONDS = 10;
    /** MariaDB's "running with the --read-only option" (ER_OPTION_PREVENTS_STATEMENT). */
    static final int ER_OPTION_PREVENTS_STATEMENT = 1290;
    /** How long the failover and failback commands may take (each waits for its own steps, bounded). */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(150);
    /** The primary-only writer's pace: one address or ATC write this often. */
    static final Duration WRITE_EVERY = Duration.ofMillis(250);
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration BEFORE_KILL = Duration.ofSeconds(10);

    private final Env env;
    private final Environment processes;

    RegionLoss(Env env, Environment processes) {
        this.env = env;
        this.processes = processes;
    }

    /** @return null when it passed, else why not */
    String run() {
        String prefix = Background.prefixFor("region-a-lost");
        SavedAddresses.seed(env, prefix, Background.budget(Chaos.RATE, LOAD));
        Chaos.sleep(Duration.ofSeconds(1)); // on the replica (semi-sync: it is there already)
        PrimaryWriter writer = new PrimaryWriter(env, prefix + "w", WRITE_EVERY).start();
        Background load = new Background(env, "region-a-lost", prefix, Chaos.RATE, LOAD, false);
        Chaos.sleep(BEFORE_KILL);
        List<String> clusterA = processes.commandLine("cluster-a");
        long killedAt = System.currentTimeMillis();
        processes.kill("cluster-a", true);
        processes.kill("db-a", true);
        String failover = command("failover");
        long backAt = writer.firstAckAfter(killedAt, Duration.ofSeconds(90));
        List<String> broken = new ArrayList<>();
        if (failover != null) {
            broken.add(failover);
        }
        // Every step is idempotent: the failover run again only checks the flag and the drain.
        String again = command("failover");
        if (again != null) {
            broken.add("the failover run a second time: " + again);
        }
        load.join();
        String buyNow = buyNowNeverStopped(load, killedAt);
        if (buyNow != null) {
            broken.add(buyNow);
        }
        long rto = backAt < 0 ? -1 : backAt - killedAt;
        System.out.println("  RTO: ATC/address writes back " + (rto < 0 ? "never (within 90 s)" : rto + " ms")
                + " after the kill; writer " + writer.summary());
        if (rto < 0 || rto > RTO_GOAL.toMillis()) {
            broken.add("ATC/address writes not back within " + RTO_GOAL.toSeconds() + " s of the kill (" + rto + " ms)");
        }
        String rpoPromoted = rpo(writer, killedAt, env.get("db.replica.jdbc"), "the promoted replica");
        if (rpoPromoted != null) {
            broken.add(rpoPromoted);
        }
        // While failed over, B holds the primary role and writes the replica-lag heartbeat to the promoted replica it
        // reads: the lag it reports stays true (ReplicaLagHigh fires over 10 s) instead of growing with the outage.
        Map<String, Double> lag = new ProxyMetrics(env.get("cluster.b.url")).counters("tandem_replica_lag_seconds");
        double lagOnB = lag.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.println("  replica lag cluster B reports while failed over: " + lagOnB + " s");
        if (!(lagOnB < LAG_ALERT_SECONDS)) {
            broken.add("cluster B reports a replica lag of " + lagOnB + " s while failed over (ReplicaLagHigh over "
                    + LAG_ALERT_SECONDS + " s)");
        }
        // The region comes back: cluster A first, as in a real recovery (the failover drained it from new sessions
        // and B holds the primary role, so it takes nothing until the failback; its database is still down, so it is
        // live, not ready). Started with its own start script: a terraform apply would also restart db-a, which the
        // failback starts fenced, and everything that depends on it, minutes on a busy machine.
        try {
            processes.startJava("cluster-a", Environment.repoRoot().resolve("apps/cluster/target/tandem-cluster.jar"),
                    clusterA, "/observe/health/live");
        } catch (RuntimeException e) {
            System.out.println("  " + e.getMessage() + "; restoring with terraform apply");
            processes.restore();
        }
        // The failback's first half on its own (topology reversed): db-a back fenced, replicating the promoted one.
        long reverseFrom = System.currentTimeMillis();
        String reverse = command("reverse");
        if (reverse != null) {
            broken.add(reverse);
        }
        String fenced = fencedRefusesWrites();
        if (fenced != null) {
            broken.add(fenced);
        }
        String caughtUp = rpo(writer, reverseFrom, env.get("db.a.jdbc"), "the reversed db-a (replicating the promoted one)");
        if (caughtUp != null) {
            broken.add(caughtUp);
        }
        // Fail back while the writer still writes (on B): the refused time is what a client sees.
        long failbackFrom = System.currentTimeMillis();
        String failback = command("failback");
        if (failback != null) {
            broken.add(failback);
        }
        long failbackDone = System.currentTimeMillis();
        long backOnA = writer.firstAckAfter(failbackDone, Duration.ofSeconds(30));
        writer.stop();
        long refused = writer.refusedBetween(failbackFrom, backOnA < 0 ? System.currentTimeMillis() : backOnA);
        System.out.println("  failback: writes refused (client view) " + refused + " ms of " + (failbackDone - failbackFrom)
                + " ms of the failback command; first write after it acknowledged +"
                + (backOnA < 0 ? "never" : (backOnA - failbackDone) + " ms"));
        if (backOnA < 0) {
            broken.add("no ATC/address write acknowledged within 30 s of the failback");
        } else if (refused > FAILBACK_FREEZE_GOAL.toMillis()) {
            broken.add("writes refused " + refused + " ms in the failback (goal " + FAILBACK_FREEZE_GOAL.toMillis() + " ms)");
        }
        String rpoBack = rpo(writer, Long.MAX_VALUE, env.get("db.a.jdbc"), "db-a after failback");
        if (rpoBack != null) {
            broken.add(rpoBack);
        }
        Verification v = new Verifier(env).verify(load.userPrefix, load.accepted(), load.since, Chaos.SETTLE);
        System.out.println("  data (" + load.userPrefix + "*): " + v.orders() + " orders in the databases, " + v.line());
        v.problems().stream().limit(10).forEach(p -> System.out.println("    " + p));
        if (!v.clean()) {
            broken.add(v.line());
        }
        String collide = orderNumbersApart(load);
        if (collide != null) {
            broken.add(collide);
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    /** Buy-now sessions that started a failover window after the kill all went to B and none failed. */
    private static String buyNowNeverStopped(Background load, long killedAt) {
        List<Recorder.SessionEnd> late = load.startedBetween(killedAt + Chaos.FAILOVER_WINDOW.toMillis(), Long.MAX_VALUE)
                .stream().filter(Background::buyNow).toList();
        // A session the platform shed (503 + Retry-After, still refused after the client's retries) got a clear answer
        // at its first call, with nothing made: B busy with all the load is not B down. Counted apart, as everywhere.
        Set<String> shed = new HashSet<>();
        load.recorder.refusals().forEach(r -> shed.add(r.userId()));
        long refused = late.stream().filter(s -> shed.contains(s.userId())).count();
        List<Recorder.SessionEnd> bad = late.stream().filter(s -> !shed.contains(s.userId()))
                .filter(s -> s.cluster() != 'b' || s.failure() != null).toList();
        System.out.println("  buy-now after the kill: " + load.summary() + "; from +" + Chaos.FAILOVER_WINDOW.toSeconds()
                + " s: " + late.size() + " sessions (" + refused + " shed), not on B or failed: " + bad.size() + (bad.isEmpty() ? "" : " "
                + bad.stream().collect(java.util.stream.Collectors.groupingBy(s -> s.cluster() + " " + s.failure(),
                java.util.stream.Collectors.counting()))));
        if (late.isEmpty()) {
            return "no buy-now session started after the failover window";
        }
        return bad.isEmpty() ? null : bad.size() + " buy-now sessions after the failover window were not served by B: "
                + bad.stream().map(s -> s.cluster() + " " + s.failure()).distinct().limit(3).toList();
    }

    /** Every acknowledged write before {@code until} is in the database at {@code jdbc}; prints the RPO. */
    private String rpo(PrimaryWriter writer, long until, String jdbc, String where) {
        List<PrimaryWriter.Ack> acked = writer.acks().stream().filter(a -> a.atMillis() < until).toList();
        List<PrimaryWriter.Ack> missing = new ArrayList<>();
        try (Connection c = new Databases(env).connect(jdbc)) {
            Set<String> addresses = column(c, "SELECT address_id FROM address WHERE user_id LIKE ?", writer.userPrefix());
            Set<String> atc = column(c, "SELECT CONCAT(user_id, '/', product_id) FROM atc_cart_item WHERE user_id LIKE ?",
                    writer.userPrefix());
            for (PrimaryWriter.Ack a : acked) {
                if (!(a.address() ? addresses : atc).contains(a.key())) {
                    missing.add(a);
                }
            }
        } catch (SQLException e) {
            return "reading " + where + ": " + e.getMessage();
        }
        long rpo = missing.stream().mapToLong(a -> Math.min(until, System.currentTimeMillis()) - a.atMillis()).max().orElse(0);
        System.out.println("  RPO on " + where + ": " + acked.size() + " acknowledged writes (" + acked.stream()
                .filter(PrimaryWriter.Ack::address).count() + " addresses), missing " + missing.size()
                + (missing.isEmpty() ? " -> RPO 0" : " -> RPO " + rpo + " ms, e.g. " + missing.get(0)));
        return missing.isEmpty() ? null : missing.size() + " acknowledged writes missing on " + where;
    }

    /** A write as the application's user on the fenced db-a is refused (read_only), not taken. */
    private String fencedRefusesWrites() {
        try (Connection c = new Databases(env).connectAsApp(env.get("db.a.jdbc"));
             PreparedStatement w = c.prepareStatement("INSERT INTO heartbeat (cluster, beat_millis) VALUES ('fence-check', 0)"
                     + " ON DUPLICATE KEY UPDATE beat_millis = 0")) {
            w.executeUpdate();
            System.out.println("  fenced db-a: an application write was TAKEN");
            return "the fenced db-a took an application write";
        } catch (SQLException e) {
            boolean readOnly = e.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT;
            System.out.println("  fenced db-a: an application write refused (" + e.getErrorCode() + " " + e.getMessage() + ")");
            return readOnly ? null : "the fenced db-a refused a write, but not for read_only: " + e.getMessage();
        }
    }

    private static Set<String> column(Connection c, String sql, String prefix) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** The order numbers the load was given: unique, and each names the cluster that placed it. */
    private static String orderNumbersApart(Background load) {
        List<String> numbers = load.accepted();
        long distinct = numbers.stream().distinct().count();
        System.out.println("  order numbers: " + numbers.size() + " accepted, " + distinct + " distinct");
        return distinct == numbers.size() ? null : (numbers.size() - distinct) + " order numbers given twice";
    }

    /** Runs {@code region.sh ACTION region-a}, its output shown indented; null when it succeeded. */
    private String command(String action) {
        Path script = Environment.repoRoot().resolve("infra-terraform/scripts/region.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), action, "region-a").redirectErrorStream(true);
        pb.environment().put("ENV_FILE", env.runDir().resolve("env.properties").toString());
        long start = System.currentTimeMillis();
        try {
            Process p = pb.start();
            try (var out = p.inputReader()) {
                out.lines().forEach(line -> System.out.println("    " + line));
            }
            if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return action + " did not end within " + COMMAND_LIMIT.toSeconds() + " s";
            }
            System.out.println("  ./tandem " + action + " region-a: exit " + p.exitValue() + " after "
                    + (System.currentTimeMillis() - start) + " ms");
            return p.exitValue() == 0 ? null : action + " failed (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return action + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
