package io.tandem.common.ft;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.Retry;

import com.sun.net.httpserver.HttpServer;

/**
 * Not a test: {@code main} measures a guarded idempotent GET against a local stub HTTP server, the way catalog is
 * called for every buy-now create ({@code ft.catalog.retry.attempts: 2}), with the guard's retry as it was before
 * issue 18 (a 0-50 ms jitter slept inside the retried call, so on every first attempt) and as it is (waits only
 * between attempts), interleaved call by call in one run. Prints p50/p90/p99/max of each. Args: calls per side
 * (default 400).
 */
public final class RetryBench {
    private RetryBench() {
    }

    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = "{\"id\":\"p-1\",\"priceCents\":1999}".getBytes(StandardCharsets.UTF_8);
        stub.createContext("/v1/products/p-1", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()
                    + "/v1/products/p-1")).timeout(Duration.ofSeconds(1)).GET().build();
            Supplier<String> get = () -> {
                try {
                    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
            // the catalog policy of apps/cluster application.yaml
            Config catalog = Config.just(ConfigSources.create(Map.of("timeout", "PT1S",
                    "retry.attempts", "2", "retry.base", "PT0.1S", "retry.cap", "PT0.8S", "retry.jitter", "0.5")));
            HelidonGuard now = new HelidonGuard(DependencyPolicy.create("bench-now", catalog));
            InCallJitter before = new InCallJitter(new HelidonGuard(DependencyPolicy.create("bench-before", catalog)));
            for (int i = 0; i < 50; i++) {
                now.callIdempotent(get);
                before.callIdempotent(get);
            }
            long[] beforeNanos = new long[calls];
            long[] nowNanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long started = System.nanoTime();
                before.callIdempotent(get);
                beforeNanos[i] = System.nanoTime() - started;
                started = System.nanoTime();
                now.callIdempotent(get);
                nowNanos[i] = System.nanoTime() - started;
            }
            System.out.printf("guarded GET to a local stub (catalog policy: attempts 2), %d calls each, interleaved; "
                    + "%d cores, load %s%n", calls, Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.println(line("before (jitter inside the call)", beforeNanos));
            System.out.println(line("after  (waits between attempts)", nowNanos));
        } finally {
            stub.stop(0);
        }
    }

    /** The guard's callIdempotent as it was before issue 18, over the same (unchanged) guarded call. */
    private record InCallJitter(HelidonGuard guard, Retry retry) {
        InCallJitter(HelidonGuard guard) {
            this(guard, Retry.builder().name("bench-before-retry")
                    .retryPolicy(Retry.DelayingRetryPolicy.builder().calls(2).delay(Duration.ofMillis(100))
                            .delayFactor(2).build())
                    .overallTimeout(Duration.ofSeconds(5))
                    .addSkipOn(CircuitBreakerOpenException.class)
                    .addSkipOn(BulkheadException.class)
                    .build());
        }

        <T> T callIdempotent(Supplier<T> call) {
            return retry.invoke(() -> {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(50 + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return guard.call(call);
            });
        }
    }

    private static String line(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-34s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms", name,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
