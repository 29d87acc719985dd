package io.tandem.order.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import io.tandem.common.testing.TestIdentity;

/**
 * Figures, not a check (runs only with -Dorder.figures=true; scripts/order-figures.sh): the place-order rate one
 * cluster's order JVM sustains with p99 under 500 ms (open-loop steps of rising rate), and place-order to
 * CONFIRMED at p50 / p99 (from the rows' created_at and confirmed_at).
 */
class OrderFiguresIT {
    private static final long P99_LIMIT_MS = 500;
    private final Path dir = Path.of("target");

    @Test
    void figures() {
        Assumptions.assumeTrue(Boolean.getBoolean("order.figures"), "figures run only with -Dorder.figures=true");
        String db = Env.get("db.a.jdbc");
        Schema.migrate(db);
        int[] rates = java.util.Arrays.stream(System.getProperty("order.figures.rates", "10,20,40,80").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("order.figures.seconds", 10);
        String prefix = "it-fig-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (Simulator psp = Simulator.start()) {
            int port = Env.freePort();
            Map<String, String> props = new HashMap<>(OrderNode.config("c", db, psp.url(), Env.get("kafka.bootstrap")));
            props.put("server.port", Integer.toString(port));
            props.put("order.node", "4");
            try (JavaProcess jvm = JavaProcess.start("order-c", "io.tandem.order.Main", props, dir.resolve("order-figures-jvm.log"))) {
                jvm.awaitHttp("http://127.0.0.1:" + port + "/observe/health/live", Duration.ofSeconds(60));
                URI base = URI.create("http://127.0.0.1:" + port);
                run(base, prefix + "warm-", 5, 15); // warm-up (JIT, pools), not counted
                int sustained = 0;
                StringBuilder table = new StringBuilder();
                for (int rate : rates) {
                    Step step = run(base, prefix + rate + "-", rate, seconds);
                    table.append(String.format("  offered %4d/s: accepted %5d, errors %3d, p50 %5d ms, p99 %5d ms%n",
                            rate, step.latencies.size(), step.errors, pct(step.latencies, 50), pct(step.latencies, 99)));
                    if (step.errors == 0 && pct(step.latencies, 99) < P99_LIMIT_MS) {
                        sustained = rate;
                    } else {
                        break;
                    }
                }
                JavaProcess.sleep(15_000); // let the last orders finish
                List<Long> toConfirmed = new ArrayList<>();
                for (List<Object> row : Db.rows(db, "SELECT confirmed_at - created_at FROM orders WHERE user_id LIKE ?"
                        + " AND status = 'CONFIRMED' AND user_id NOT LIKE ?", prefix + "%", prefix + "warm-%")) {
                    toConfirmed.add(((Number) row.get(0)).longValue());
                }
                System.out.println("ORDER FIGURES (one order JVM, cluster c on db-a, machine load "
                        + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + "):");
                System.out.print(table);
                System.out.println("  sustained place-order rate with p99 < " + P99_LIMIT_MS + " ms: " + sustained + " orders/s");
                System.out.println("  place-order -> CONFIRMED over " + toConfirmed.size() + " orders: p50 "
                        + pct(toConfirmed, 50) + " ms, p99 " + pct(toConfirmed, 99) + " ms");
            }
        }
    }

    private record Step(List<Long> latencies, int errors) {
    }

    /** Open loop: one request every 1/rate s whatever the answers do, for the given seconds. */
    private static Step run(URI base, String prefix, int rate, int seconds) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] errors = new int[1];
        var workers = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        int[] sent = new int[1];
        ticker.scheduleAtFixedRate(() -> {
            if (sent[0]++ >= total) {
                return;
            }
            String user = prefix + sent[0];
            workers.submit(() -> {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> r = OrderNode.send(HttpRequest.newBuilder(base.resolve("/v1/orders"))
                            .timeout(Duration.ofSeconds(10)).header("X-User-Id", user).header("X-Identity-Assertion", TestIdentity.assertion(user))
                            .header("Idempotency-Key", Orders.key()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Checkouts.of("c", Env.get("db.a.jdbc")).body(user, "tok_visa", Orders.product()))).build());
                    if (r.statusCode() == 202) {
                        latencies.add((System.nanoTime() - start) / 1_000_000);
                    } else {
                        synchronized (errors) {
                            errors[0]++;
                        }
                        System.out.println("figures: " + r.statusCode() + " " + r.body());
                    }
                } catch (RuntimeException e) {
                    synchronized (errors) {
                        errors[0]++;
                    }
                    System.out.println("figures: " + e.getCause());
                }
            });
        }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        JavaProcess.sleep(seconds * 1000L + 200);
        ticker.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Step(new ArrayList<>(latencies), errors[0]);
    }

    private static long pct(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
