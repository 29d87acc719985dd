package io.tandem.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Grey failures: a store or a dependency that is slow, silent or saturated rather than dead, made for real through
 * the fault proxy (apps/faults, {@link Faults}) or the database itself, under the chaos load. Each scenario prints
 * when new sessions left the faulted cluster (from the drill's side: the cluster each new session's key names),
 * what the proxy said about the clusters meanwhile ({@link RoutingWatch}), how the orders in flight on the faulted
 * path ended, and ends with the data check of {@link Chaos}.
 */
final class GreyChaos {
    static final List<String> NAMES = List.of("db-a-slow", "redis-a-slow", "psp-down", "db-pool-exhaustion");
    /** The issue's goal: new sessions leave a cluster whose database answers in 2 s within this. */
    static final Duration MOVE_GOAL = Duration.ofSeconds(5);
    /** db-a-slow: load before the fault, each latency step, load after healing (the failback). */
    static final Duration DB_SLOW_BEFORE = Duration.ofSeconds(5);
    static final Duration DB_SLOW_STEP = Duration.ofSeconds(20);
    static final Duration DB_SLOW_AFTER = Duration.ofSeconds(20);
    static final int DB_SLOW_MILD_MS = 200;
    static final int DB_SLOW_SEVERE_MS = 2000;
    /** redis-a-slow: 300 ms (jitter 30) for 25 s, 8 s into a 45 s load. */
    static final int REDIS_SLOW_MS = 300;
    static final Duration REDIS_SLOW_FOR = Duration.ofSeconds(25);
    /** psp-down: the payment provider's route blackholed for 30 s, 8 s into a 50 s load. */
    static final Duration PSP_DOWN_FOR = Duration.ofSeconds(30);
    /**
     * db-pool-exhaustion: how long the orders table is locked (its statements wait, holding pool connections), and
     * how soon new sessions must be on B: the pool wait (2 s) plus the proxy's three missed probes (1 s apart).
     */
    static final Duration POOL_HOLD = Duration.ofSeconds(25);
    static final Duration POOL_MOVE_BOUND = Duration.ofSeconds(10);
    static final Duration FAULT_START = Duration.ofSeconds(8);
    /** A failback must show within this after healing: the proxy's failback delay (10 s) and two good checks. */
    static final Duration FAILBACK_BOUND = Duration.ofSeconds(20);

    private final Env env;
    private final Chaos chaos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    GreyChaos(Env env, Chaos chaos) {
        this.env = env;
        this.chaos = chaos;
    }

    /** Runs one scenario; null when it passed, else why not. */
    String run(String name) {
        long start = System.nanoTime();
        String failure = switch (name) {
            case "db-a-slow" -> dbASlow();
            case "redis-a-slow" -> redisASlow();
            case "psp-down" -> pspDown();
            case "db-pool-exhaustion" -> poolExhaustion();
            default -> "unknown grey scenario " + name;
        };
        System.out.printf("  %s: %.0f s of the scenario's own time (load, settling, checks)%n", name, (System.nanoTime() - start) / 1e9);
        return failure;
    }

    /**
     * 200 ms, then 2 s, on cluster A's database route, 20 s each under load: at 2 s new sessions must leave A within
     * {@link #MOVE_GOAL}; at 200 ms what happens is printed (moving then is the proxy's outlier detection's work).
     */
    private String dbASlow() {
        Duration loadFor = DB_SLOW_BEFORE.plus(DB_SLOW_STEP).plus(DB_SLOW_STEP).plus(DB_SLOW_AFTER);
        Background load;
        long mildAt;
        long severeAt;
        long healedAt;
        List<String> broken = new ArrayList<>();
        try (Faults faults = Faults.of(env); RoutingWatch watch = new RoutingWatch(env)) {
            load = new Background(env, "db-a-slow", Chaos.RATE, loadFor);
            Chaos.sleep(DB_SLOW_BEFORE);
            mildAt = System.currentTimeMillis();
            faults.latency("db-a", DB_SLOW_MILD_MS, DB_SLOW_MILD_MS / 10);
            Chaos.sleep(DB_SLOW_STEP);
            severeAt = System.currentTimeMillis();
            faults.latency("db-a", DB_SLOW_SEVERE_MS, 0);
            Chaos.sleep(DB_SLOW_STEP);
            healedAt = System.currentTimeMillis();
            faults.clear("db-a");
            load.join();
            long end = System.currentTimeMillis();
            Landing landing = new Landing(load.recorder.sessions());

            System.out.println("  " + load.summary() + "; session failures " + Chaos.codes(load));
            System.out.println("  " + DB_SLOW_MILD_MS + " ms on db-a (" + DB_SLOW_STEP.toSeconds() + " s): new sessions "
                    + landing.windows(mildAt, severeAt) + "; left A after " + ms(landing.movedAfter(mildAt, severeAt, 'a'))
                    + "; on A place p50/p99 " + steps(load, "place", 'a', mildAt, severeAt) + " ms, order "
                    + steps(load, "order", 'a', mildAt, severeAt) + " ms (before: place " + steps(load, "place", 'a', 0, mildAt)
                    + ", order " + steps(load, "order", 'a', 0, mildAt) + ")");
            long moved = landing.movedAfter(severeAt, healedAt, 'a');
            long downInMild = watch.firstAt("a", "DOWN", mildAt);
            long outAlready = !watch.lastBefore("a", severeAt).startsWith("UP") && downInMild < severeAt ? downInMild : -1;
            System.out.println("  " + DB_SLOW_SEVERE_MS + " ms on db-a (" + DB_SLOW_STEP.toSeconds() + " s): new sessions "
                    + landing.windows(severeAt, healedAt) + "; left A after " + ms(moved)
                    + (outAlready < 0 ? "" : " (A was out of rotation already, since " + (outAlready - mildAt) + " ms into the "
                    + DB_SLOW_MILD_MS + " ms step)") + " (goal " + MOVE_GOAL.toMillis()
                    + " ms); sessions from +" + MOVE_GOAL.toSeconds() + " s: " + sessionEnds(landing, severeAt + MOVE_GOAL.toMillis(), healedAt));
            System.out.println("  proxy's view of A from the first fault: " + watch.timeline("a", mildAt) + "; of B: " + watch.timeline("b", mildAt));
            printInFlight(load, "a", mildAt, healedAt);
            long firstOnA = landing.firstOn(healedAt, end, 'a');
            long upAgain = watch.firstAt("a", "UP", healedAt);
            System.out.println("  healed: new sessions " + landing.windows(healedAt, end) + "; proxy has A UP again after "
                    + ms(upAgain < 0 ? -1 : upAgain - healedAt) + "; first new session on A after " + ms(firstOnA));

            // With B down too (the machine's own load makes it miss probes), the proxy sends new sessions to the
            // primary: that time is not A's to leave, so it is not counted against the move.
            long bDown = moved < 0 ? 0 : watch.notUpMillis("b", severeAt, severeAt + moved);
            if (bDown > 0) {
                System.out.println("  the proxy had B down too for " + bDown + " ms of those " + moved + " ms: moved after "
                        + (moved - bDown) + " ms of B being there to take them");
            }
            if (moved < 0 || moved - bDown > MOVE_GOAL.toMillis()) {
                broken.add("new sessions did not leave A within " + MOVE_GOAL.toMillis() + " ms of 2 s latency on db-a ("
                        + ms(moved) + (bDown > 0 ? ", B down " + bDown + " ms of it" : "") + ")");
            }
            long whileBDown = landing.between(severeAt + MOVE_GOAL.toMillis(), healedAt).stream()
                    .filter(s -> !watch.upAt("b", s.startMillis())).count();
            if (whileBDown > 0) {
                System.out.println("  " + whileBDown + " of those sessions started while the proxy did not have B UP either (not held against the move)");
            }
            broken.addAll(notServed(landing, severeAt + MOVE_GOAL.toMillis(), healedAt, 'b', at -> watch.upAt("b", at)));
            if (firstOnA < 0 || firstOnA > FAILBACK_BOUND.toMillis()) {
                broken.add("A took no new session within " + FAILBACK_BOUND.toSeconds() + " s of healing (" + ms(firstOnA) + ")");
            }
        }
        return firstOf(broken, chaos.verify(load));
    }

    /**
     * 300 ms on Redis A (its command timeout is 500 ms): buy-now carts, idempotency keys and rate limits on A answer
     * slowly but within their timeouts, or new sessions go to B; no session that started once the fault was known
     * fails, nothing is charged twice.
     */
    private String redisASlow() {
        Duration loadFor = FAULT_START.plus(REDIS_SLOW_FOR).plus(Duration.ofSeconds(12));
        Background load;
        long faultAt;
        long healedAt;
        List<String> broken = new ArrayList<>();
        try (Faults faults = Faults.of(env); RoutingWatch watch = new RoutingWatch(env)) {
            load = new Background(env, "redis-a-slow", Chaos.RATE, loadFor);
            Chaos.sleep(FAULT_START);
            faultAt = System.currentTimeMillis();
            faults.latency("redis-a", REDIS_SLOW_MS, REDIS_SLOW_MS / 10);
            Chaos.sleep(REDIS_SLOW_FOR);
            healedAt = System.currentTimeMillis();
            faults.clear("redis-a");
            load.join();
            long end = System.currentTimeMillis();
            Landing landing = new Landing(load.recorder.sessions());
            System.out.println("  " + load.summary() + "; session failures " + Chaos.codes(load));
            System.out.println("  " + REDIS_SLOW_MS + " ms on Redis A (" + REDIS_SLOW_FOR.toSeconds() + " s): new sessions "
                    + landing.windows(faultAt, healedAt) + "; left A after " + ms(landing.movedAfter(faultAt, healedAt, 'a'))
                    + "; sessions from +" + MOVE_GOAL.toSeconds() + " s: " + sessionEnds(landing, faultAt + MOVE_GOAL.toMillis(), healedAt));
            for (String step : List.of("cart", "place", "poll", "order")) {
                System.out.println("    " + step + " p50/p99 ms on A before " + steps(load, step, 'a', 0, faultAt)
                        + ", while slow " + steps(load, step, 'a', faultAt, healedAt) + "; on B while slow "
                        + steps(load, step, 'b', faultAt, healedAt));
            }
            System.out.println("  proxy's view of A from the fault: " + watch.timeline("a", faultAt) + "; of B: " + watch.timeline("b", faultAt));
            printInFlight(load, "a", faultAt, healedAt);
            System.out.println("  healed: new sessions " + landing.windows(healedAt, end));
            broken.addAll(notServed(landing, faultAt + MOVE_GOAL.toMillis(), healedAt, '*'));
        }
        return firstOf(broken, chaos.verify(load));
    }

    /**
     * The payment provider's route blackholed for {@link #PSP_DOWN_FOR} (both clusters pay through it): orders wait in
     * PAY with the worker's backoff, an unknown outcome is never compensated, they resume when it heals, and every
     * order is charged exactly once, by the order database and by the provider's own books.
     */
    private String pspDown() {
        Duration loadFor = FAULT_START.plus(PSP_DOWN_FOR).plus(Duration.ofSeconds(12));
        OrderOutcomes outcomes = new OrderOutcomes(env);
        Background load;
        long downAt;
        long healedAt;
        List<OrderOutcomes.Outcome> waiting;
        try (Faults faults = Faults.of(env)) {
            load = new Background(env, "psp-down", Chaos.RATE, loadFor);
            Chaos.sleep(FAULT_START);
            downAt = System.currentTimeMillis();
            faults.blackhole("psp");
            Chaos.sleep(PSP_DOWN_FOR);
            waiting = outcomes.of(load.userPrefix).stream().filter(o -> o.status().equals("RESERVED")).toList();
            healedAt = System.currentTimeMillis();
            faults.clear("psp");
            load.join();
        }
        String data = chaos.verify(load);
        List<OrderOutcomes.Outcome> all = outcomes.of(load.userPrefix);
        List<OrderOutcomes.Outcome> inFlight = all.stream().filter(o -> o.createdAt() >= downAt - 1000 && o.createdAt() < healedAt)
                .toList();
        long resumedBy = inFlight.stream().filter(o -> o.endedAt() > 0).mapToLong(o -> o.endedAt() - healedAt).max().orElse(-1);
        System.out.println("  " + load.summary() + "; session failures " + Chaos.codes(load));
        System.out.println("  waiting in PAY (RESERVED) when the provider came back: " + waiting.size()
                + "; orders placed while it was blackholed: " + inFlight.size() + " " + OrderOutcomes.count(inFlight)
                + "; the last of them final " + ms(resumedBy) + " after healing");
        List<String> broken = new ArrayList<>();
        if (waiting.isEmpty()) {
            broken.add("no order was waiting in PAY when the provider came back: the blackhole did not bite");
        }
        List<OrderOutcomes.Outcome> compensated = inFlight.stream()
                .filter(o -> o.status().equals("FAILED") && ("pay".equals(o.failedStep()) || String.valueOf(o.failureCode()).startsWith("PAYMENT")))
                .toList();
        if (!compensated.isEmpty()) {
            broken.add(compensated.size() + " orders failed on an unknown payment outcome: " + OrderOutcomes.count(compensated));
        }
        if (inFlight.stream().noneMatch(o -> o.status().equals("CONFIRMED"))) {
            broken.add("no order placed during the outage resumed to CONFIRMED " + OrderOutcomes.count(inFlight));
        }
        Map<String, Long> books = new TreeMap<>();
        for (OrderOutcomes.Outcome o : all) {
            Map<String, Integer> provider = outcomes.providerBooks(o.orderNumber());
            Map<String, Integer> rows = outcomes.paymentRows(o.db(), o.orderNumber());
            int charges = provider.getOrDefault("charge", 0);
            int refunds = provider.getOrDefault("refund", 0);
            String verdict = o.status().equals("CONFIRMED")
                    ? charges == 1 && refunds == 0 && rows.getOrDefault("CHARGE SUCCEEDED", 0) == 1 ? "confirmed, charged once" : "confirmed, BAD " + provider + " " + rows
                    : o.status().equals("FAILED") ? charges == refunds ? "failed, not charged (or refunded)" : "failed, BAD " + provider + " " + rows
                    : "not final " + o.status();
            books.merge(verdict.startsWith("confirmed, BAD") || verdict.startsWith("failed, BAD") ? verdict.substring(0, verdict.indexOf(',')) + " BAD" : verdict, 1L, Long::sum);
            if (verdict.contains("BAD")) {
                System.out.println("    " + o.orderNumber() + ": " + verdict);
            }
        }
        System.out.println("  the provider's books against the orders: " + books);
        books.keySet().stream().filter(k -> k.contains("BAD")).findFirst()
                .ifPresent(k -> broken.add(books.get(k) + " orders not charged exactly once (" + k + ")"));
        return firstOf(broken, data);
    }

    /**
     * Cluster A's order-database pool held by slow statements: a migration-like table lock on {@code orders} (taken
     * on db-a directly as the admin user) makes every statement on it wait, holding its pool connection, for
     * {@link #POOL_HOLD}. A's readiness must show it, new sessions must go to B, and once the lock is gone the pool
     * must recover by itself (A takes new sessions again); nothing lost.
     */
    private String poolExhaustion() {
        Duration loadFor = FAULT_START.plus(POOL_HOLD).plus(FAILBACK_BOUND);
        Background load;
        long heldAt;
        long releasedAt;
        List<String> readiness = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        try (RoutingWatch watch = new RoutingWatch(env)) {
            load = new Background(env, "db-pool-exhaustion", Chaos.RATE, loadFor);
            Chaos.sleep(FAULT_START);
            try (Connection holder = new Databases(env).connect(env.get("db.a.jdbc")); Statement st = holder.createStatement()) {
                st.execute("LOCK TABLES orders WRITE");
                heldAt = System.currentTimeMillis();
                long until = heldAt + POOL_HOLD.toMillis();
                while (System.currentTimeMillis() < until) {
                    readiness.add(readinessOfA(heldAt));
                    Chaos.sleep(Duration.ofMillis(2500));
                }
                st.execute("UNLOCK TABLES");
                releasedAt = System.currentTimeMillis();
            } catch (SQLException e) {
                load.join();
                return "could not lock db-a's orders table: " + e.getMessage();
            }
            load.join();
            long end = System.currentTimeMillis();
            Landing landing = new Landing(load.recorder.sessions());
            long moved = landing.movedAfter(heldAt, releasedAt, 'a');
            System.out.println("  " + load.summary() + "; session failures " + Chaos.codes(load));
            System.out.println("  orders locked on db-a (" + POOL_HOLD.toSeconds() + " s): new sessions "
                    + landing.windows(heldAt, releasedAt) + "; left A after " + ms(moved) + " (bound "
                    + POOL_MOVE_BOUND.toMillis() + " ms); sessions from +" + POOL_MOVE_BOUND.toSeconds() + " s: "
                    + sessionEnds(landing, heldAt + POOL_MOVE_BOUND.toMillis(), releasedAt));
            System.out.println("  A's readiness while held: " + String.join("; ", readiness));
            System.out.println("  proxy's view of A from the lock: " + watch.timeline("a", heldAt) + "; of B: " + watch.timeline("b", heldAt));
            printInFlight(load, "a", heldAt, releasedAt);
            long firstOnA = landing.firstOn(releasedAt, end, 'a');
            long upAgain = watch.firstAt("a", "UP", releasedAt);
            System.out.println("  released: new sessions " + landing.windows(releasedAt, end) + "; proxy has A UP again after "
                    + ms(upAgain < 0 ? -1 : upAgain - releasedAt) + "; first new session on A after " + ms(firstOnA));
            long proxySawDown = watch.firstAt("a", "DOWN", heldAt);
            if (readiness.stream().noneMatch(r -> r.contains("DOWN") || r.contains("unanswered"))
                    && (proxySawDown < 0 || proxySawDown > releasedAt)) {
                broken.add("neither A's readiness nor the proxy's probes showed the exhausted pool");
            }
            if (moved < 0 || moved > POOL_MOVE_BOUND.toMillis()) {
                broken.add("new sessions did not leave A within " + POOL_MOVE_BOUND.toMillis() + " ms (" + ms(moved) + ")");
            }
            // Once the proxy takes the load off A, A's pool is free again and its readiness UP while the lock still
            // holds: A may come back into rotation before the release. Its new sessions must then be served too.
            long backWhileHeld = proxySawDown < 0 ? -1 : watch.firstAt("a", "UP", proxySawDown);
            if (backWhileHeld >= 0 && backWhileHeld < releasedAt) {
                System.out.println("  A was back in rotation at +" + (backWhileHeld - heldAt) / 1000 + " s while the lock still held:"
                        + " with the load off it, its pool was free again (readiness asks the pool, not the locked table)");
            }
            broken.addAll(notServed(landing, heldAt + POOL_MOVE_BOUND.toMillis(), releasedAt, '*'));
            if (firstOnA < 0) {
                broken.add("A took no new session after the lock was released (" + (end - releasedAt) / 1000 + " s): its pool did not recover");
            }
        }
        return firstOf(broken, chaos.verify(load));
    }

    /** Cluster A's own readiness, asked directly: {@code +2.5s DOWN 1830 ms orders: ...}. */
    private String readinessOfA(long zero) {
        long start = System.currentTimeMillis();
        String at = String.format("%+.1fs ", (start - zero) / 1000.0);
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(env.get("cluster.a.url").replaceAll("/$", "")
                    + "/observe/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return at + (res.statusCode() == 200 ? "UP" : "DOWN") + " in " + (System.currentTimeMillis() - start) + " ms"
                    + (res.statusCode() == 200 ? "" : " " + downChecks(res.body()));
        } catch (java.io.IOException e) {
            return at + "unanswered (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return at + "interrupted";
        }
    }

    /** The checks of a health document that are DOWN, with their error: {@code db-orders (SQLTransientConnection...)}. */
    static String downChecks(String body) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject().getJsonArray("checks").stream().map(jakarta.json.JsonValue::asJsonObject)
                    .filter(c -> "DOWN".equals(c.getString("status", "")))
                    .map(c -> {
                        String error = c.containsKey("data") ? c.getJsonObject("data").getString("error", "") : "";
                        return c.getString("name", "?") + (error.isEmpty() ? "" : " (" + error.substring(0, Math.min(error.length(), 90)) + ")");
                    }).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return body.substring(0, Math.min(body.length(), 120));
        }
    }

    /**
     * Buy-now sessions that started in [from, to) and were not served where they should be: on another cluster than
     * {@code expected} ({@code '*'}: any cluster will do), or failed in a way that shows the fault leaking through a
     * timeout ({@link #leaked}). Empty when none, or one line saying which. Sessions the proxy told to restart
     * (today's binary failover) and other refusals are counted by {@link #sessionEnds}, not failed on.
     */
    static List<String> notServed(Landing landing, long from, long to, char expected) {
        return notServed(landing, from, to, expected, at -> true);
    }

    /**
     * As above; a session that started while the proxy did not have {@code expected} UP ({@code expectedUp} says no:
     * the machine's own load can make the healthy cluster miss its probes too, and with both down the proxy sends new
     * sessions to the primary) is not held against the move, only against leaks.
     */
    static List<String> notServed(Landing landing, long from, long to, char expected, java.util.function.LongPredicate expectedUp) {
        List<Recorder.SessionEnd> sessions = landing.between(from, to);
        List<Recorder.SessionEnd> bad = sessions.stream()
                .filter(s -> leaked(s.failure()) || (expected != '*' && s.cluster() != expected && s.cluster() != '?'
                        && expectedUp.test(s.startMillis()))).toList();
        if (sessions.isEmpty()) {
            return List.of("no buy-now session started in the window that was checked");
        }
        return bad.isEmpty() ? List.of() : List.of(bad.size() + " of " + sessions.size() + " buy-now sessions that started "
                + "once the fault should have been routed around were not served" + (expected == '*' ? "" : " by " + expected)
                + ": " + bad.stream().map(s -> s.cluster() + " " + s.failure()).distinct().limit(3).toList());
    }

    /**
     * Whether a session's failure shows a store or cluster that did not answer in time: the cluster's own 503
     * {@code STORE_UNAVAILABLE}, the proxy's {@code UPSTREAM_TIMEOUT}, no answer at all, a bare 5xx, a client error.
     * {@code CHECKOUT_RESTART_REQUIRED} (the proxy's failover of a cluster it marked down), a refusal with a reason
     * (a dependency's breaker, stock) and a poll that outlived its 30 s (the data check still wants the order final)
     * are not.
     */
    static boolean leaked(String failure) {
        if (failure == null) {
            return false;
        }
        String code = failure.contains(" ") ? failure.substring(failure.indexOf(' ') + 1).split(" ", 2)[0] : failure;
        return code.equals("STORE_UNAVAILABLE") || code.equals("UPSTREAM_TIMEOUT") || code.equals("NO_ANSWER")
                || code.startsWith("HTTP_5") || failure.startsWith("CLIENT_ERROR");
    }

    /** Buy-now sessions of the window by how they ended: served, told to restart, leaked, other refusals. */
    static Map<String, Long> sessionEnds(Landing landing, long from, long to) {
        return landing.between(from, to).stream().collect(Collectors.groupingBy(s -> s.failure() == null ? "served"
                : s.failure().contains("CHECKOUT_RESTART_REQUIRED") ? "told to restart"
                : leaked(s.failure()) ? "leaked " + s.failure().split(" \\(", 2)[0]
                : "refused " + s.failure().split(" \\(", 2)[0], TreeMap::new, Collectors.counting()));
    }

    /**
     * Orders in flight on the faulted cluster during the fault (placed before it ended, not final when it began), by
     * how they ended; sessions there that got no order.
     */
    private void printInFlight(Background load, String db, long from, long to) {
        // placed before the end of the fault and not final at its start
        List<OrderOutcomes.Outcome> made = new OrderOutcomes(env).of(load.userPrefix).stream()
                .filter(o -> o.db().equals(db) && o.createdAt() < to && (o.endedAt() == 0 || o.endedAt() >= from)).toList();
        Map<String, Long> noOrder = load.startedBetween(from, to).stream()
                .filter(s -> s.cluster() == db.charAt(0) && s.orderNumber() == null && s.failure() != null)
                .collect(Collectors.groupingBy(Recorder.SessionEnd::failure, TreeMap::new, Collectors.counting()));
        Map<String, Long> sessionEnds = load.startedBetween(from, to).stream()
                .filter(s -> s.cluster() == db.charAt(0) && s.orderNumber() != null && s.failure() != null)
                .collect(Collectors.groupingBy(Recorder.SessionEnd::failure, TreeMap::new, Collectors.counting()));
        System.out.println("  in flight on " + db.toUpperCase() + " during the fault: " + made.size() + " orders, now "
                + OrderOutcomes.count(made) + (sessionEnds.isEmpty() ? "" : "; their shoppers gave up " + sessionEnds)
                + (noOrder.isEmpty() ? "" : "; sessions there that got no order " + noOrder));
    }

    /** p50/p99 in ms of a step's requests on a cluster that ended in [from, to). */
    private static String steps(Background load, String step, char cluster, long from, long to) {
        return Percentiles.pair(load.recorder.samples().stream()
                .filter(s -> s.step().equals(step) && s.cluster() == cluster && s.atMillis() >= from && s.atMillis() < to)
                .map(Recorder.Sample::micros).toList());
    }

    private static String ms(long millis) {
        return millis < 0 ? "never" : millis + " ms";
    }

    private static String firstOf(List<String> broken, String data) {
        return !broken.isEmpty() ? String.join("; ", broken) : data;
    }
}
