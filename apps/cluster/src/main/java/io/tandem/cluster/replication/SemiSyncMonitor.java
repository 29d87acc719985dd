package io.tandem.cluster.replication;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;

import io.tandem.common.store.Stores;

/**
 * Whether the database this cluster writes primary data to replicates semi-synchronously now
 * ({@code Rpl_semi_sync_master_status}): the RPO promise holds only while it does. Polled every
 * {@code semi-sync.interval}; exported as {@code tandem_replication_semisync} (1 semi-sync, 0 fell back to
 * asynchronous, NaN unknown: the database does not answer); each change is logged, a fall back to asynchronous as a
 * warning. On A that is db-a; on B the replica it writes to once promoted (after failback, the reversed direction).
 */
public final class SemiSyncMonitor implements AutoCloseable {
    /** How often the status is read. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    static final String METRIC = "tandem.replication.semisync";
    /**
     * Semi-sync only while the status is ON and a semi-sync replica is connected: with
     * {@code rpl_semi_sync_master_wait_no_slave=OFF} (envs/local) the status stays ON with no replica at all, and
     * commits then wait for nobody (measured: 114 ms for a write with the replica's IO thread stopped).
     */
    static final String QUERY = "SELECT IF(MAX(IF(VARIABLE_NAME = 'RPL_SEMI_SYNC_MASTER_STATUS', VARIABLE_VALUE, NULL)) = 'ON'"
            + " AND MAX(IF(VARIABLE_NAME = 'RPL_SEMI_SYNC_MASTER_CLIENTS', VARIABLE_VALUE + 0, 0)) > 0, 'ON', 'OFF')"
            + " FROM information_schema.GLOBAL_STATUS"
            + " WHERE VARIABLE_NAME IN ('RPL_SEMI_SYNC_MASTER_STATUS', 'RPL_SEMI_SYNC_MASTER_CLIENTS')";
    private static final System.Logger LOG = System.getLogger(SemiSyncMonitor.class.getName());

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("semi-sync").factory());
    private final String store;
    private volatile double status = Double.NaN;

    SemiSyncMonitor(String store) {
        this.store = store;
    }

    /**
     * Starts polling the primary write store, if this cluster has one.
     *
     * @param config root config ({@code semi-sync.interval})
     * @param stores this cluster's stores
     * @return the running monitor
     */
    public static SemiSyncMonitor start(Config config, Stores stores) {
        Optional<DbClient> db = stores.primaryWrites();
        SemiSyncMonitor monitor = new SemiSyncMonitor(stores.primary().isPresent() ? "db.primary" : "db.promoted");
        db.ifPresent(d -> {
            long every = config.get("semi-sync.interval").as(Duration.class).orElse(DEFAULT_INTERVAL).toMillis();
            monitor.scheduler.scheduleWithFixedDelay(() -> monitor.poll(d), 0, every, TimeUnit.MILLISECONDS);
            Metrics.globalRegistry().getOrCreate(Gauge.builder(METRIC, monitor, SemiSyncMonitor::status)
                    .description("1 while the primary write store replicates semi-synchronously, 0 asynchronous"));
        });
        return monitor;
    }

    double status() {
        return status;
    }

    private void poll(DbClient db) {
        double now;
        try {
            now = db.execute().get(QUERY).map(row -> "ON".equalsIgnoreCase(row.column(1).getString()) ? 1.0 : 0.0)
                    .orElse(Double.NaN);
        } catch (RuntimeException e) {
            now = Double.NaN;
        }
        observe(now);
    }

    /** Records a reading; logs a change between semi-sync and asynchronous (unknown readings are not a change). */
    void observe(double now) {
        double before = status;
        if (!Double.isNaN(now) && now != before) {
            LOG.log(now == 0.0 && !Double.isNaN(before) ? Level.WARNING : Level.INFO,
                    "Semi-sync replication of " + store + ": " + (now == 1.0 ? "ON (semi-synchronous)"
                            : "OFF, fell back to asynchronous: an acknowledged write may not be on the replica"));
        }
        if (!Double.isNaN(now)) {
            status = now;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
