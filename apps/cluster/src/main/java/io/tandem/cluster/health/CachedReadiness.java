package io.tandem.cluster.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import io.tandem.common.api.StoreCheckTimes;

/**
 * Readiness that a busy or cold JVM answers at once: each store check runs on a background thread of its own every
 * {@code readiness.refresh}, and the probe answers its last result. The proxy's probe has a 500 ms timeout; when the
 * probe itself queried the stores, a cluster slow because cold (JIT) or busy (a sale) missed it three times and was
 * taken for dead. A result older than {@code readiness.max-age} is DOWN ("stale"): a check that hangs still shows.
 * Before the first background result, the probe runs the check itself.
 *
 * <p>Answering from memory hides how slow a store is from the probe's round trip, so each answer carries
 * {@link StoreCheckTimes#DETAIL}: how long the check took, or has been running if it still runs and has run longer.
 * The proxy judges a cluster's readiness time by it. One thread per check, so a slow database does not delay the
 * Redis check's result (nor make it stale).
 */
public final class CachedReadiness {
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(500);
    /** Above the slowest check (a database's 2 s timeouts) plus a refresh, so a hanging store shows within it. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    private CachedReadiness() {
    }

    /**
     * Wraps checks and starts their refreshers (a daemon thread each).
     *
     * @param checks    the real checks
     * @param readiness config node {@code readiness}
     * @return checks that answer from the last result
     */
    public static List<HealthCheck> wrap(List<HealthCheck> checks, Config readiness) {
        Duration refresh = readiness.get("refresh").as(Duration.class).orElse(DEFAULT_REFRESH);
        Duration maxAge = readiness.get("max-age").as(Duration.class).orElse(DEFAULT_MAX_AGE);
        List<Cached> cached = checks.stream().map(c -> new Cached(c, maxAge.toNanos(), System::nanoTime)).toList();
        for (Cached check : cached) {
            Thread.ofPlatform().daemon().name("readiness-" + check.name()).start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    check.refresh();
                    try {
                        Thread.sleep(refresh.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        return List.copyOf(cached);
    }

    /** One check's last result, when it was taken and how long it took. */
    static final class Cached implements HealthCheck {
        private static final long NOT_RUNNING = Long.MIN_VALUE;

        private record Result(HealthCheckResponse response, long atNanos, long tookNanos) {
        }

        private final HealthCheck check;
        private final long maxAgeNanos;
        private final LongSupplier clock;
        private final AtomicReference<Result> last = new AtomicReference<>();
        /** When the check now running started; {@link #NOT_RUNNING} between checks. */
        private volatile long runningSince = NOT_RUNNING;

        Cached(HealthCheck check, long maxAgeNanos, LongSupplier clock) {
            this.check = check;
            this.maxAgeNanos = maxAgeNanos;
            this.clock = clock;
        }

        void refresh() {
            long start = clock.getAsLong();
            runningSince = start;
            try {
                HealthCheckResponse response = check.call();
                long end = clock.getAsLong();
                last.set(new Result(response, end, end - start));
            } finally {
                runningSince = NOT_RUNNING;
            }
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
            long now = clock.getAsLong();
            long running = runningSince;
            long took = Math.max(result.tookNanos(), running == NOT_RUNNING ? 0 : now - running);
            long ageNanos = now - result.atNanos();
            if (ageNanos > maxAgeNanos) {
                return HealthCheckResponse.builder().status(false)
                        .detail("error", "stale: no check result for " + Duration.ofNanos(ageNanos).toMillis() + " ms")
                        .detail(StoreCheckTimes.DETAIL, took / 1_000_000)
                        .build();
            }
            HealthCheckResponse.Builder answer = HealthCheckResponse.builder().status(result.response().status());
            result.response().details().forEach(answer::detail);
            return answer.detail(StoreCheckTimes.DETAIL, took / 1_000_000).build();
        }
    }
}
