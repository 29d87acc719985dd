package io.tandem.flags;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.getunleash.util.UnleashScheduledExecutor;

/**
 * The client's scheduler, with the toggle fetch paced in milliseconds. unleash-client-java counts its intervals
 * in whole seconds, and Unleash itself publishes a stored change up to a second later: with a one-second poll on
 * top, a kill switch an ops person flips could take over 2 s to reach a process. The client is told to fetch
 * every {@link #FETCH_MARKER_SECONDS}; that task runs every {@code fetchPeriod} instead. Every other task
 * (metrics, registered with another period) keeps its seconds. A task that throws keeps its schedule.
 */
final class PacedExecutor implements UnleashScheduledExecutor {
    /** The fetch interval given to the client; no other task of the client may use it (metrics: 60 s). */
    static final long FETCH_MARKER_SECONDS = 1;
    private static final System.Logger LOG = System.getLogger(PacedExecutor.class.getName());

    private final ScheduledExecutorService executor;
    private final long fetchMillis;

    PacedExecutor(String name, Duration fetchPeriod) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, task -> Thread.ofPlatform().daemon()
                .name("tandem-flags-" + name + "-" + threads.incrementAndGet()).unstarted(task));
        this.fetchMillis = fetchPeriod.toMillis();
    }

    @Override
    public void setInterval(Runnable command, long initialDelaySeconds, long periodSeconds) {
        long periodMillis = periodSeconds == FETCH_MARKER_SECONDS ? fetchMillis : TimeUnit.SECONDS.toMillis(periodSeconds);
        long delayMillis = periodSeconds == FETCH_MARKER_SECONDS ? fetchMillis : TimeUnit.SECONDS.toMillis(initialDelaySeconds);
        // Fixed delay, not rate: a slow fetch must not be followed by a burst of them.
        executor.scheduleWithFixedDelay(() -> runQuietly(command), delayMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Future<Void> scheduleOnce(Runnable command) {
        return executor.submit(command, null);
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }

    @Override
    public void shutdownNow() {
        executor.shutdownNow();
    }

    private static void runQuietly(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Flags client task failed; it runs again at its next turn: " + e);
        }
    }
}
