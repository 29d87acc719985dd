package io.tandem.order.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tandem.common.testing.TestIdentity;
import io.tandem.order.domain.OrderStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * kill -9 of an order-service JVM of our own, over and over, while orders stream in: every accepted order
 * ends CONFIRMED (charged exactly once, one outbox row) or FAILED (nothing left charged), whatever step the
 * kill landed in. A pause after each step and a slow PSP spread the kills over every step, including the
 * window between the PSP charging and the PAID row being written.
 */
class CrashIT {
    private static final int CYCLES = 6;
    private static final int PLACERS = 4;
    /**
     * Orders each placer may place per cycle, one every {@link #PLACE_EVERY_MS}: without a bound, placers outrun
     * the worker and the last JVM inherits thousands of orders, more than it can finish within the wait.
     */
    private static final int ORDERS_PER_PLACER = 12;
    private static final long PLACE_EVERY_MS = 60;
    /** The JVMs' logs stay after the run, for a failure to be read. */
    private static final Path dir = Path.of("target", "crash-it");
    private static Simulator psp;
    private static final String db = Env.get("db.a.jdbc");
    private static final String userPrefix = "it-crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static int port;
    private static Map<String, String> props;

    @BeforeAll
    static void start() {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Schema.migrate(db);
        psp = Simulator.start();
        psp.knobs("{\"latencyMillis\":150}");
        port = Env.freePort();
        props = new HashMap<>(OrderNode.config("c", db, psp.url(), Env.get("kafka.bootstrap")));
        props.put("server.port", Integer.toString(port));
        props.put("order.saga.step-pause", "PT0.15S");
        props.put("order.node", "2");
    }

    @AfterAll
    static void stop() {
        if (psp != null) {
            psp.close();
        }
    }

    @Test
    void killNineAtEveryStepEveryAcceptedOrderEndsConfirmedOrCleanlyFailed() {
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> accepted = new ConcurrentHashMap<>(); // number -> user
        Map<OrderStatus, Integer> seenAtKill = new EnumMap<>(OrderStatus.class);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            JavaProcess jvm = startJvm(cycle);
            AtomicBoolean placing = new AtomicBoolean(true);
            List<Thread> placers = new ArrayList<>();
            for (int t = 0; t < PLACERS; t++) {
                String prefix = userPrefix + cycle + "-" + t + "-";
                placers.add(Thread.ofVirtual().start(() -> place(base, prefix, placing, accepted)));
            }
            // On a starved machine a fixed delay may kill before any order moved: wait for progress, then strike
            // at a random moment so kills land in different steps.
            String cyclePrefix = userPrefix + cycle + "-%";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && Db.count(db, "SELECT COUNT(*) FROM orders WHERE user_id LIKE ?"
                    + " AND status <> 'CREATED'", cyclePrefix) < 3) {
                JavaProcess.sleep(100);
            }
            JavaProcess.sleep(ThreadLocalRandom.current().nextInt(1500));
            jvm.kill9();
            placing.set(false);
            placers.forEach(CrashIT::joinQuietly);
            for (List<Object> row : Db.rows(db, "SELECT status FROM orders WHERE user_id LIKE ? AND status NOT IN"
                    + " ('CONFIRMED', 'FAILED')", userPrefix + "%")) {
                seenAtKill.merge(OrderStatus.valueOf((String) row.get(0)), 1, Integer::sum);
            }
        }
        JavaProcess last = startJvm(CYCLES);
        try {
            for (Map.Entry<String, String> order : accepted.entrySet()) {
                OrderNode.awaitTerminal(base, order.getValue(), order.getKey(), Duration.ofSeconds(90));
            }
            // Orders stored whose 202 was lost with the kill must finish too.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && unfinished() > 0) {
                JavaProcess.sleep(500);
            }
        } finally {
            last.kill9();
        }
        System.out.println("CrashIT: " + accepted.size() + " accepted orders, " + CYCLES
                + " kills; unfinished orders found at the kills, by status: " + seenAtKill);
        assertThat(accepted.size(), greaterThan(3 * CYCLES));
        assertThat("unfinished after restart", unfinished(), is(0L));
        for (OrderStatus step : List.of(OrderStatus.CREATED, OrderStatus.PRICED, OrderStatus.RESERVED, OrderStatus.PAID)) {
            assertThat("a kill landed with orders " + step + ": " + seenAtKill, seenAtKill.getOrDefault(step, 0),
                    greaterThan(0));
        }
        List<String> problems = new ArrayList<>();
        for (List<Object> row : Db.rows(db, "SELECT order_number, status, failure_code FROM orders WHERE user_id LIKE ?",
                userPrefix + "%")) {
            String number = (String) row.get(0);
            long charges = psp.count("charge", number);
            long refunds = psp.count("refund", number);
            long outbox = Db.count(db, "SELECT COUNT(*) FROM outbox WHERE message_key = ?", number);
            if (row.get(1).equals("CONFIRMED") && (charges != 1 || refunds != 0 || outbox != 1)) {
                problems.add(number + " CONFIRMED with " + charges + " charges, " + refunds + " refunds, " + outbox + " outbox");
            }
            if (row.get(1).equals("FAILED") && (charges != refunds || outbox != 0 || row.get(2) == null)) {
                problems.add(number + " FAILED " + row.get(2) + " with " + charges + " charges, " + refunds + " refunds");
            }
            long held = Db.count(Env.get("db.stock.jdbc"), "SELECT COUNT(*) FROM reservation WHERE order_number = ?"
                    + " AND status = 'HELD'", number);
            if (row.get(1).equals("FAILED") && held != 0) {
                problems.add(number + " FAILED still holding stock");
            }
        }
        assertThat(problems.toString(), problems.isEmpty(), is(true));
    }

    private static void place(URI base, String prefix, AtomicBoolean placing, Map<String, String> accepted) {
        int i = 0;
        while (placing.get() && i < ORDERS_PER_PLACER) {
            String user = prefix + i++;
            String card = i % 7 == 0 ? "tok_declined" : "tok_visa";
            try {
                HttpResponse<String> r = OrderNode.send(HttpRequest.newBuilder(base.resolve("/v1/orders"))
                        .timeout(Duration.ofSeconds(5)).header("X-User-Id", user).header("X-Identity-Assertion", TestIdentity.assertion(user))
                        .header("Idempotency-Key", Orders.key()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Checkouts.of("c", db).body(user, card, Orders.product()))).build());
                if (r.statusCode() == 202) {
                    accepted.put(OrderNode.json(r).getString("orderNumber"), user);
                }
            } catch (RuntimeException e) {
                // the JVM is being killed: not accepted (or its answer was lost: the final check covers those)
            }
            JavaProcess.sleep(PLACE_EVERY_MS);
        }
    }

    private static long unfinished() {
        return Db.count(db, "SELECT COUNT(*) FROM orders WHERE user_id LIKE ? AND status NOT IN ('CONFIRMED', 'FAILED')",
                userPrefix + "%");
    }

    private static JavaProcess startJvm(int cycle) {
        JavaProcess jvm = JavaProcess.start("order-c", "io.tandem.order.Main", props, dir.resolve("order-" + cycle + ".log"));
        jvm.awaitHttp("http://127.0.0.1:" + port + "/observe/health/live", Duration.ofSeconds(60));
        return jvm;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
