package io.tandem.stock;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives back the stock of holds never committed within {@code stock.hold-ttl}: an order stranded on a dead cluster
 * (or abandoned) does not keep its units. Runs every {@code stock.sweep-interval}; safe with several stock
 * processes (each expiry re-checks its row under lock).
 */
final class Sweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());
    private final StockStore store;
    private final StockMetrics metrics;
    private final int batch;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stock-sweeper").daemon().factory());

    Sweeper(StockStore store, StockMetrics metrics, int batch) {
        this.store = store;
        this.metrics = metrics;
        this.batch = batch;
    }

    Sweeper start(Duration interval) {
        timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round; returns how many holds expired. */
    int sweep() {
        int expired = 0;
        for (String order : store.expiredHolds(batch)) {
            if (store.expire(order)) {
                expired++;
                metrics.expired();
            }
        }
        return expired;
    }

    private void sweepQuietly() {
        try {
            int n = sweep();
            if (n > 0) {
                LOG.log(Level.INFO, "gave back the stock of " + n + " expired holds");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweep failed (next round retries): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
