package io.tandem.cluster.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness that a busy or cold JVM answers at once: each store check runs on a background thread every
 * {@code readiness.refresh}, and the probe answers its last result. The proxy's probe has a 500 ms timeout; when the
 * probe itself queried the stores, a cluster slow because cold (JIT) or busy (a sale) missed it three times and was
 * taken for dead. A result older than {@code readiness.max-age} is DOWN ("stale"): a check that hangs still shows.
 * Before the first background result, the probe runs the check itself.
 */
public final class CachedReadiness {
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(500);
    /** Above the slowest check (a database's 2 s timeouts) plus a refresh, so a hanging store shows within it. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    private CachedReadiness() {
    }

    /**
     * Wraps checks and starts their refresher (a daemon thread).
     *
     * @param checks    the real checks
     * @param readiness config node {@code readiness}
     * @return checks that answer from the last result
     */
    public static List<HealthCheck> wrap(List<HealthCheck> checks, Config readiness) {
        Duration refresh = readiness.get("refresh").as(Duration.class).orElse(DEFAULT_REFRESH);
        Duration maxAge = readiness.get("max-age").as(Duration.class).orElse(DEFAULT_MAX_AGE);
        List<Cached> cached = checks.stream().map(c -> new Cached(c, maxAge.toNanos(), System::nanoTime)).toList();
        Thread.ofPlatform().daemon().name("readiness-refresh").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                cached.forEach(Cached::refresh);
                try {
                    Thread.sleep(refresh.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return List.copyOf(cached);
    }

    /** One check's last result and when it was taken. */
    static final class Cached implements HealthCheck {
        private record Result(HealthCheckResponse response, long atNanos) {
        }

        private final HealthCheck check;
        private final long maxAgeNanos;
        private final LongSupplier clock;
        private final AtomicReference<Result> last = new AtomicReference<>();

        Cached(HealthCheck check, long maxAgeNanos, LongSupplier clock) {
            this.check = check;
            this.maxAgeNanos = maxAgeNanos;
            this.clock = clock;
        }

        void refresh() {
            last.set(new Result(check.call(), clock.getAsLong()));
        }

        @Override
        public String name() {
            return check.name();
        }

        @Override
        public HealthCheckType type() {
            return HealthCheckType.READINESS;
        }

        @Override
        public HealthCheckResponse call() {
            Result result = last.get();
            if (result == null) {
                refresh();
                result = last.get();
            }
            long ageNanos = clock.getAsLong() - result.atNanos();
            if (ageNanos > maxAgeNanos) {
                return HealthCheckResponse.builder().status(false)
                        .detail("error", "stale: no check result for " + Duration.ofNanos(ageNanos).toMillis() + " ms")
                        .build();
            }
            return result.response();
        }
    }
}
