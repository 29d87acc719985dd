package io.tandem.drill;

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
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code chaos scale-out}: a cluster of several JVMs ({@code cluster_instances=2} in envs/local). Checkout load through
 * the proxy spreads cluster A's sessions over both of its instances, each numbering orders under a node id it leases
 * from db-a; then {@code kill -9} of A's second instance while sagas run on it. Passes when every placed order reaches a
 * final state (those the dead instance was running resumed by the other one: db-scheduler revives them once their
 * heartbeats stop), order numbers are distinct across all orders, both instances numbered orders, and sessions that
 * start once the proxy had time to take the dead instance out of rotation are all served.
 */
final class ScaleOut {
    static final String VICTIM = "cluster-a-2";
    static final double RATE = 4;
    static final Duration LOAD = Duration.ofSeconds(40);
    /** Load before the kill may come: both instances take sessions and hold their node ids. */
    static final Duration WARM = Duration.ofSeconds(8);
    /** How long the kill waits for a saga running on the victim (it strikes anyway after). */
    static final Duration STRIKE_WITHIN = Duration.ofSeconds(15);
    /** The proxy's probes (1 s) take a dead instance out of rotation; sessions from then on must all be served. */
    static final Duration ROTATION_WINDOW = Duration.ofSeconds(5);
    /** Sagas of the dead instance are revived after 4 missed heartbeats of 3 s, then finish: well inside this. */
    static final Duration RESUME_WITHIN = Duration.ofSeconds(60);
    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Env env;
    private final Environment processes;
    private final Chaos chaos;
    private final Databases dbs;

    ScaleOut(Env env, Environment processes, Chaos chaos) {
        this.env = env;
        this.processes = processes;
        this.chaos = chaos;
        this.dbs = new Databases(env);
    }

    String run() {
        int instances = Integer.parseInt(env.get("cluster.instances", "1"));
        if (instances < 2 || !processes.alive(VICTIM)) {
            return "needs an environment with cluster_instances=2 (terraform apply -var cluster_instances=2); this one runs "
                    + instances + " JVM(s) a cluster" + (instances >= 2 ? " and " + VICTIM + " is not running" : "");
        }
        long victimPid = processes.pid(VICTIM).orElseThrow();
        List<String> commandLine = processes.commandLine(VICTIM);
        String jdbc = env.get("db.a.jdbc");
        Background load = new Background(env, "scale-out", RATE, LOAD);
        long started = System.currentTimeMillis();
        Chaos.sleep(WARM);
        try {
            Map<Integer, String> holders = holders(jdbc);
            System.out.println("  cluster A: " + instances + " instances; node ids leased on db-a: " + holders);
            // Strike while the victim runs sagas: its executions are those db-scheduler shows picked by its name.
            List<String> running = List.of();
            long strikeBy = System.currentTimeMillis() + STRIKE_WITHIN.toMillis();
            while (running.isEmpty() && System.currentTimeMillis() < strikeBy) {
                running = runningOn(jdbc, victimPid);
                if (running.isEmpty()) {
                    Chaos.sleep(Duration.ofMillis(20));
                }
            }
            long killedAt = System.currentTimeMillis();
            processes.kill(VICTIM, true);
            System.out.printf("  killed %s at +%.1f s with %d saga(s) running on it: %s%n", VICTIM,
                    (killedAt - started) / 1000.0, running.size(), running);
            long resumedAfter = awaitFinal(jdbc, running, killedAt);
            load.join();
            processes.startJava(VICTIM, Environment.repoRoot().resolve("apps/cluster/target/tandem-cluster.jar"), commandLine);
            return check(load, jdbc, running, killedAt, resumedAfter);
        } catch (SQLException e) {
            load.join();
            return "reading db-a: " + e.getMessage();
        }
    }

    private String check(Background load, String jdbc, List<String> running, long killedAt, long resumedAfter)
            throws SQLException {
        List<String> broken = new ArrayList<>();
        String data = chaos.verify(load);
        if (data != null) {
            broken.add(data);
        }
        List<String> accepted = load.accepted();
        Set<String> distinct = new HashSet<>(accepted);
        if (distinct.size() != accepted.size()) {
            broken.add((accepted.size() - distinct.size()) + " order numbers were answered to two sessions");
        }
        List<OrderRow> onA = dbs.orders("a", load.userPrefix);
        Map<Integer, Long> perNode = onA.stream().collect(Collectors.groupingBy(o -> node(o.orderNumber()), TreeMap::new,
                Collectors.counting()));
        Set<String> all = new HashSet<>();
        for (String db : dbs.orderDbs().keySet()) {
            dbs.orders(db, load.userPrefix).forEach(o -> all.add(o.orderNumber()));
        }
        System.out.println("  orders on A by node id: " + perNode + "; order numbers of the run: " + all.size()
                + " distinct across db-a and db-b, " + accepted.size() + " answered 202");
        if (perNode.size() < 2) {
            broken.add("cluster A's orders carry " + perNode.size() + " node id(s): the load did not reach both instances");
        }
        if (running.isEmpty()) {
            broken.add("no saga was running on " + VICTIM + " within " + STRIKE_WITHIN.toSeconds() + " s: nothing to resume");
        } else if (resumedAfter < 0) {
            broken.add("sagas of the killed instance not final within " + RESUME_WITHIN.toSeconds() + " s: "
                    + statuses(jdbc, running));
        } else {
            System.out.printf("  the %d saga(s) of the killed instance final %.1f s after the kill: %s%n", running.size(),
                    resumedAfter / 1000.0, statuses(jdbc, running));
        }
        List<Recorder.SessionEnd> late = load.startedBetween(killedAt + ROTATION_WINDOW.toMillis(), Long.MAX_VALUE);
        List<Recorder.SessionEnd> lateFailed = late.stream().filter(s -> s.failure() != null).toList();
        long failed = load.recorder.sessions().stream().filter(s -> s.failure() != null).count();
        System.out.println("  sessions: " + load.summary() + (failed > 0 ? "; failures " + Chaos.codes(load) : "")
                + "; from +" + ROTATION_WINDOW.toSeconds() + " s after the kill: " + late.size() + ", failed "
                + lateFailed.size());
        if (late.isEmpty()) {
            broken.add("no session started after the kill");
        }
        if (!lateFailed.isEmpty()) {
            broken.add(lateFailed.size() + " sessions that started " + ROTATION_WINDOW.toSeconds()
                    + " s after the kill failed: " + lateFailed.stream().map(Recorder.SessionEnd::failure).distinct().limit(3)
                    .toList());
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    /** Live leases of cluster A: node id -> holder (the instance's name). */
    private Map<Integer, String> holders(String jdbc) throws SQLException {
        Map<Integer, String> holders = new TreeMap<>();
        try (Connection c = dbs.connect(jdbc);
             PreparedStatement st = c.prepareStatement("SELECT node, holder FROM order_node_lease WHERE cluster = 'a'"
                     + " AND expires_at > TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                holders.put(rs.getInt(1), rs.getString(2));
            }
        }
        return holders;
    }

    /** Orders whose saga db-scheduler shows running on the victim (picked by its name: order-a-<pid>-...). */
    private List<String> runningOn(String jdbc, long pid) throws SQLException {
        List<String> running = new ArrayList<>();
        try (Connection c = dbs.connect(jdbc);
             PreparedStatement st = c.prepareStatement("SELECT task_instance FROM order_tasks WHERE task_name = 'place-order-a'"
                     + " AND picked = 1 AND picked_by LIKE ?")) {
            st.setString(1, "order-a-" + pid + "-%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    running.add(rs.getString(1));
                }
            }
        }
        return running;
    }

    /** Millis from the kill until every one of these orders is CONFIRMED or FAILED; -1 if not within the bound. */
    private long awaitFinal(String jdbc, List<String> numbers, long killedAt) throws SQLException {
        long deadline = killedAt + RESUME_WITHIN.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (statuses(jdbc, numbers).values().stream().allMatch(s -> s.equals("CONFIRMED") || s.equals("FAILED"))) {
                return System.currentTimeMillis() - killedAt;
            }
            Chaos.sleep(Duration.ofMillis(250));
        }
        return -1;
    }

    private Map<String, String> statuses(String jdbc, List<String> numbers) throws SQLException {
        Map<String, String> statuses = new TreeMap<>();
        if (numbers.isEmpty()) {
            return statuses;
        }
        String marks = numbers.stream().map(n -> "?").collect(Collectors.joining(","));
        try (Connection c = dbs.connect(jdbc);
             PreparedStatement st = c.prepareStatement("SELECT order_number, status FROM orders WHERE order_number IN ("
                     + marks + ")")) {
            for (int i = 0; i < numbers.size(); i++) {
                st.setString(i + 1, numbers.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        numbers.forEach(n -> statuses.putIfAbsent(n, "MISSING"));
        return statuses;
    }

    /** The node id in an order number's text (13 Crockford base-32 digits: 41 time, 2 cluster, 7 node, 13 sequence). */
    static int node(String orderNumber) {
        long value = 0;
        for (int i = 0; i < 13; i++) {
            value = value << 5 | DIGITS.indexOf(Character.toUpperCase(orderNumber.charAt(i)));
        }
        return (int) (value >>> 13 & 127);
    }
}
