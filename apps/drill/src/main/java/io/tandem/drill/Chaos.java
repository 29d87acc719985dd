package io.tandem.drill;

import io.tandem.flags.TandemFlags;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chaos scenarios, one per name; each breaks one thing under a bounded load, checks what the design promises, puts
 * the environment back, checks the data, and prints {@code chaos <name>: pass} or {@code chaos <name>: FAIL <why>}.
 */
final class Chaos {
    static final List<String> NAMES = List.of("cluster-a-dies", "offers-slow", "unleash-down", "kafka-down",
            "redis-b-down", "db-a-down", "stock-down", "hot-product", "db-a-slow", "redis-a-slow", "psp-down",
            "db-pool-exhaustion", "overload", "cold-start", "alert-delivery", "ops-ui", "region-a-lost", "scale-out");
    /** How long stock-down keeps the stock service dead. */
    static final Duration STOCK_OUTAGE = Duration.ofSeconds(20);
    static final double RATE = 3;
    /** How long the proxy may take to stop sending new sessions to a dead cluster (health: 1 s x 3, passive 5). */
    static final Duration FAILOVER_WINDOW = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(120);
    /** A scenario waits this long for every cluster to be UP in the proxy (failback delay 10 s, health 1 s). */
    static final Duration SETTLE_BEFORE = Duration.ofSeconds(45);

    private final Env env;
    private final Environment processes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Chaos(Env env) {
        this.env = env;
        this.processes = new Environment(env);
    }

    boolean run(String name) {
        String failure;
        try {
            failure = new ProxyHealth(env.get("proxy.url")).awaitAllUp(SETTLE_BEFORE);
            failure = failure != null ? failure : switch (name) {
                case "cluster-a-dies" -> clusterDies("cluster-a", 'b');
                case "offers-slow" -> offersSlow();
                case "unleash-down" -> unleashDown();
                case "kafka-down" -> kafkaDown();
                case "redis-b-down" -> storeDown("redis-b", 'a');
                case "db-a-down" -> dbADown();
                case "stock-down" -> stockDown();
                case "hot-product" -> hotProduct();
                case "alert-delivery" -> new AlertDelivery(env, processes).run();
                case "ops-ui" -> new OpsUi(env).run();
                case "region-a-lost" -> new RegionLoss(env, processes).run();
                case "db-a-slow", "redis-a-slow", "psp-down", "db-pool-exhaustion" -> new GreyChaos(env, this).run(name);
                case "overload" -> new Overload(env).run();
                case "cold-start" -> new ColdStart(env, processes).run();
                case "scale-out" -> new ScaleOut(env, processes, this).run();
                default -> "unknown scenario (one of " + String.join(", ", NAMES) + ")";
            };
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
        System.out.println("chaos " + name + ": " + (failure == null ? "pass" : "FAIL " + failure));
        return failure == null;
    }

    /** kill -9 a cluster mid-load: new buy-now sessions go to the other within seconds; no accepted order lost. */
    private String clusterDies(String component, char survivor) {
        Background load = new Background(env, "cluster-dies", RATE, Duration.ofSeconds(40));
        sleep(Duration.ofSeconds(10));
        long killedAt = System.currentTimeMillis();
        processes.kill(component, true);
        load.join();
        String failover = failover(load, killedAt, survivor);
        processes.restore();
        return firstOf(failover, verify(load));
    }

    /** A store of one cluster dies (kill -9): health takes that cluster out of new sessions; nothing lost. */
    private String storeDown(String component, char survivor) {
        Background load = new Background(env, component, RATE, Duration.ofSeconds(40));
        sleep(Duration.ofSeconds(10));
        long killedAt = System.currentTimeMillis();
        processes.kill(component, true);
        load.join();
        String failover = failover(load, killedAt, survivor);
        processes.restore();
        return firstOf(failover, verify(load));
    }

    /**
     * Offers answers in 2 s: carts and orders go on without discount (breakers open); after recovery the breakers
     * close by themselves and discounts come back.
     */
    private String offersSlow() {
        String knobs = env.get("offers.url") + "/admin/knobs";
        Breakers breakers = new Breakers(env, "offers");
        send("POST", knobs, "{\"latencyMs\":2000}");
        Background slow;
        int openedMax = -1;
        try {
            slow = new Background(env, "offers-slow", RATE, Duration.ofSeconds(25));
            long until = System.currentTimeMillis() + 25_000;
            while (System.currentTimeMillis() < until) {
                openedMax = Math.max(openedMax, breakers.worst().orElse(-1));
                sleep(Duration.ofSeconds(1));
            }
            slow.join();
        } finally {
            send("DELETE", knobs, null);
        }
        long healedAt = System.currentTimeMillis();
        long closedAfter = -1;
        while (System.currentTimeMillis() < healedAt + 30_000) {
            // the breaker probes again by itself only when a request comes: a few carts give it that chance
            new Background(env, "offers-probe", RATE, Duration.ofSeconds(2)).join();
            if (breakers.worst().orElse(-1) == 0) {
                closedAfter = System.currentTimeMillis() - healedAt;
                break;
            }
        }
        Background healed = new Background(env, "offers-healed", RATE, Duration.ofSeconds(10)).join();
        Map<String, Long> during = discounts(slow.userPrefix, 0);
        Map<String, Long> after = discounts(healed.userPrefix, 0);
        System.out.println("  while slow: " + slow.summary() + "; carts " + slow.recorder.notes() + "; orders " + during
                + "; offers breaker worst state " + openedMax + " (2 = open)" + (failures(slow) > 0 ? "; failures " + codes(slow) : ""));
        System.out.println("  after recovery: breakers closed after " + closedAfter + " ms; " + healed.summary()
                + "; carts " + healed.recorder.notes() + "; orders " + after);
        List<String> broken = new java.util.ArrayList<>();
        if (openedMax < 2) {
            broken.add("the offers breaker never opened");
        }
        if (slow.recorder.notes().getOrDefault("cart SKIPPED_OFFERS_UNAVAILABLE", 0L) == 0) {
            broken.add("no cart was priced without discount while offers was slow");
        }
        if (during.getOrDefault("SKIPPED_OFFERS_UNAVAILABLE", 0L) == 0) {
            broken.add("orders waited for the slow offers instead of going on without discount " + during);
        }
        if (failures(slow) > slow.recorder.sessions().size() / 10) {
            broken.add(failures(slow) + " of " + slow.recorder.sessions().size() + " sessions failed while offers was slow");
        }
        if (closedAfter < 0) {
            broken.add("the offers breaker did not close within 30 s of recovery");
        }
        if (after.getOrDefault("APPLIED", 0L) == 0 || after.keySet().stream().anyMatch(k -> !k.equals("APPLIED"))) {
            broken.add("discounts did not all come back after recovery " + after);
        }
        return firstOf(broken.isEmpty() ? null : String.join("; ", broken), verify(slow), verify(healed));
    }

    /** Unleash stops: flags keep their last state, checkouts go on; then Unleash is started again. */
    private String unleashDown() {
        Background before = new Background(env, "unleash-up", RATE, Duration.ofSeconds(10)).join();
        processes.kill("unleash", false);
        Background down = new Background(env, "unleash-down", RATE, Duration.ofSeconds(25)).join();
        processes.restore();
        System.out.println("  before: " + before.summary());
        System.out.println("  Unleash down: " + down.summary());
        String check = failures(down) > 0 ? failures(down) + " sessions failed while Unleash was down: " + codes(down) : null;
        double shareBefore = shareB(before);
        double shareDown = shareB(down);
        if (check == null && Math.abs(shareBefore - shareDown) > 0.35) {
            check = String.format("routing changed while Unleash was down (B share %.0f%% -> %.0f%%)", shareBefore * 100, shareDown * 100);
        }
        return firstOf(check, verify(down));
    }

    /** Kafka is down for a minute: orders still confirm (outbox), and once it is back every one is published once. */
    private String kafkaDown() {
        processes.kill("kafka", false);
        Background down = new Background(env, "kafka-down", RATE, Duration.ofSeconds(60)).join();
        System.out.println("  Kafka down: " + down.summary());
        processes.restore();
        long confirmed = down.recorder.sessions().stream().filter(s -> "CONFIRMED".equals(s.orderStatus())).count();
        String check = confirmed == 0 ? "no order confirmed while Kafka was down" : null;
        return firstOf(check, verify(down));
    }

    /**
     * db-a dies: new buy-now sessions go to B and confirm; with atc_disabled on, ATC answers ATC_DISABLED; address
     * reads on B answer from the replica.
     */
    private String dbADown() {
        DrillFlags unleash = new DrillFlags(env);
        Duration loadFor = Duration.ofSeconds(40);
        String prefix = Background.prefixFor("db-a-down");
        SavedAddresses.seed(env, prefix, Background.budget(RATE, loadFor));
        sleep(Duration.ofSeconds(1)); // the replica B reads has them (lag ~1 ms)
        processes.kill("db-a", true);
        long killedAt = System.currentTimeMillis();
        Background load;
        String atc;
        String reads;
        try {
            unleash.toggle(TandemFlags.ATC_DISABLED, true);
            load = new Background(env, "db-a-down", prefix, RATE, loadFor, false).join();
            Shop shop = new Shop(env.get("proxy.url"), Jwt.of(env));
            Shop.Answer refused = shop.caller("chaos-db-a-atc").call("POST", "/v1/carts/me/items",
                    jakarta.json.Json.createObjectBuilder().add("productId", "P00001").add("quantity", 1).build(), null, null);
            atc = refused.status() == 503 && "ATC_DISABLED".equals(refused.code()) ? null
                    : "ATC answered " + refused.status() + " " + refused.code() + ", not 503 ATC_DISABLED";
            List<Recorder.SessionEnd> readers = load.recorder.sessions().stream()
                    .filter(s -> s.kind().equals("bn+address-read") && s.cluster() == 'b').toList();
            long readFailures = readers.stream().filter(s -> s.failure() != null && s.failure().startsWith("address-read")).count();
            reads = readers.isEmpty() ? "no address read on B happened" : readFailures > 0
                    ? readFailures + " of " + readers.size() + " address reads on B failed" : null;
            System.out.println("  db-a down: " + load.summary() + "; address reads on B: " + readers.size()
                    + "; ATC with atc_disabled: " + refused.status() + " " + refused.code());
        } finally {
            try {
                unleash.toggle(TandemFlags.ATC_DISABLED, false);
            } finally {
                processes.restore();
            }
        }
        String failover = failover(load, killedAt, 'b');
        return firstOf(failover, atc, reads, verify(load));
    }

    /**
     * The stock service dies (kill -9) for {@link #STOCK_OUTAGE} under load, then is started again by its start script
     * (terraform apply if that fails): carts still open
     * (catalog shows last known stock), orders wait in their reserve step and resume; none lost, none oversold, none
     * stuck, every order placed during the outage CONFIRMED or FAILED cleanly (compensated, no hold left).
     */
    private String stockDown() {
        Background load = new Background(env, "stock-down", RATE, Duration.ofSeconds(40));
        sleep(Duration.ofSeconds(8));
        List<String> commandLine = processes.commandLine("stock");
        long killedAt = System.currentTimeMillis();
        processes.kill("stock", true);
        sleep(STOCK_OUTAGE);
        long restartAt = System.currentTimeMillis();
        try {
            processes.startJava("stock", Environment.repoRoot().resolve("apps/stock/target/tandem-stock.jar"), commandLine);
        } catch (RuntimeException e) {
            System.out.println("  " + e.getMessage() + "; restoring with terraform apply");
            processes.restore();
        }
        long backAt = System.currentTimeMillis();
        load.join();
        String data = verify(load);
        List<OrderRow> during = new java.util.ArrayList<>();
        Databases dbs = new Databases(env);
        for (String db : dbs.orderDbs().keySet()) {
            try {
                dbs.orders(db, load.userPrefix).stream()
                        .filter(o -> o.createdAt() >= killedAt && o.createdAt() < restartAt).forEach(during::add);
            } catch (java.sql.SQLException e) {
                return "reading orders of db-" + db + ": " + e.getMessage();
            }
        }
        Map<String, Long> outcome = during.stream().collect(Collectors.groupingBy(OrderRow::status, Collectors.counting()));
        System.out.println("  stock service down " + (restartAt - killedAt) / 1000 + " s, back " + (backAt - restartAt) / 1000
                + " s after the restart began; " + load.summary() + "; orders placed while it was down: " + during.size()
                + " " + outcome + "; " + failures(load) + " sessions failed " + (failures(load) > 0 ? codes(load) : ""));
        String check = during.isEmpty() ? "no order was placed while the stock service was down"
                : during.stream().anyMatch(o -> !o.done()) ? "orders placed during the outage not final: " + outcome
                : outcome.getOrDefault("CONFIRMED", 0L) == 0 ? "no order placed during the outage resumed to CONFIRMED " + outcome
                : null;
        return firstOf(check, data);
    }

    /** 200 orders at once for a product with stock 50, half on A, half on B: exactly 50 confirmed. */
    private String hotProduct() {
        HotProduct hot = new HotProduct(env);
        String check = hot.run();
        Verification v = new Verifier(env).verify(hot.prefix, hot.accepted, hot.since, SETTLE);
        printData(hot.prefix, v);
        return firstOf(check, v.clean() ? null : summary(hot.prefix, v));
    }

    /** Buy-now sessions that started a failover window after the kill: all on the survivor, none failed. */
    private String failover(Background load, long killedAt, char survivor) {
        List<Recorder.SessionEnd> late = load.startedBetween(killedAt + FAILOVER_WINDOW.toMillis(), Long.MAX_VALUE)
                .stream().filter(Background::buyNow).toList();
        List<Recorder.SessionEnd> bad = late.stream().filter(s -> s.cluster() != survivor || s.failure() != null).toList();
        long firstOnSurvivor = load.startedBetween(killedAt, Long.MAX_VALUE).stream().filter(s -> s.cluster() == survivor)
                .mapToLong(s -> s.startMillis() - killedAt).min().orElse(-1);
        System.out.println("  after the kill: " + load.summary() + "; first new session on " + survivor + " at +"
                + firstOnSurvivor + " ms; buy-now sessions from +" + FAILOVER_WINDOW.toSeconds() + " s: " + late.size()
                + ", not on " + survivor + " or failed: " + bad.size());
        if (late.isEmpty()) {
            return "no buy-now session started after the failover window";
        }
        return bad.isEmpty() ? null : bad.size() + " buy-now sessions after " + FAILOVER_WINDOW.toSeconds()
                + " s were not served by " + survivor + ": " + bad.stream().map(s -> s.cluster() + " " + s.failure())
                .distinct().limit(3).toList();
    }

    /** The data check of a load (settling up to {@link #SETTLE}), printed; null when clean. */
    String verify(Background load) {
        Verification v = new Verifier(env).verify(load.userPrefix, load.accepted(), load.since, SETTLE);
        printData(load.userPrefix, v);
        return v.clean() ? null : summary(load.userPrefix, v);
    }

    private static void printData(String prefix, Verification v) {
        System.out.println("  data (" + prefix + "*): " + v.orders() + " orders in the databases, " + v.line() + ", "
                + v.orphanCharges() + " orphan charges, " + v.stock().holdsLeft() + " holds left");
        java.util.stream.Stream.concat(v.problems().stream(), v.stock().problems().stream()).limit(10)
                .forEach(p -> System.out.println("    " + p));
    }

    private static String summary(String prefix, Verification v) {
        return v.line() + ", " + v.orphanCharges() + " orphan charges, " + v.stock().holdsLeft() + " holds left ("
                + prefix + "*)";
    }

    private Map<String, Long> discounts(String userPrefix, long from) {
        try {
            return new Databases(env).discounts(userPrefix, from);
        } catch (Exception e) {
            throw new IllegalStateException("reading discounts: " + e.getMessage(), e);
        }
    }

    private static long failures(Background load) {
        return load.recorder.sessions().stream().filter(s -> s.failure() != null).count();
    }

    static String codes(Background load) {
        return load.recorder.sessions().stream().filter(s -> s.failure() != null)
                .collect(Collectors.groupingBy(Recorder.SessionEnd::failure, Collectors.counting())).toString();
    }

    private static double shareB(Background load) {
        List<Recorder.SessionEnd> known = load.recorder.sessions().stream().filter(s -> s.cluster() == 'a' || s.cluster() == 'b').toList();
        return known.isEmpty() ? 0 : known.stream().filter(s -> s.cluster() == 'b').count() / (double) known.size();
    }

    private void send(String method, String url, String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                // Knobs (every /admin/ route) take the env's admin.token.
                .header("Authorization", "Bearer " + env.get("admin.token"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + ": " + res.statusCode() + " " + res.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String firstOf(String... failures) {
        for (String f : failures) {
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Sleeps the scenario thread; an interrupt ends the scenario. */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
