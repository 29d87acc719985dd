package io.tandem.cluster.replication;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;

import io.tandem.common.store.PrimaryRole;
import io.tandem.common.store.Stores;

/**
 * Replica lag, measured end to end through the data: the cluster that holds the primary role writes a heartbeat
 * row to its primary-write store every {@code replica-lag.interval}; every cluster exports
 * {@code tandem_replica_lag_seconds}, the age of the newest heartbeat its read store shows. On B (reads on the
 * replica) that is replication lag plus at most one interval; on A (reads on the primary) at most one interval. NaN
 * while the read store cannot answer. The writer follows the role ({@link PrimaryRole}): after a region failover,
 * B writes the heartbeat to the promoted replica, which B reads, so the lag stays true instead of growing for as
 * long as the region is lost (it used to be cluster A's alone, and {@code ReplicaLagHigh} fired all through a
 * failover).
 */
public final class ReplicaLagMonitor implements AutoCloseable {
    /** How often the primary's owner writes its heartbeat. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** The heartbeat row that marks the primary's time (named after the cluster that normally holds the role). */
    public static final String DEFAULT_SOURCE_CLUSTER = "a";
    static final String METRIC = "tandem.replica.lag.seconds";

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("replica-heartbeat").factory());
    private final Clock clock;
    private final String sourceCluster;
    private final Optional<DbClient> reads;

    ReplicaLagMonitor(Clock clock, String sourceCluster, Optional<DbClient> primary, Optional<DbClient> reads,
                      Duration interval) {
        this(clock, sourceCluster, primary, PrimaryRole.fixed(true), reads, interval);
    }

    ReplicaLagMonitor(Clock clock, String sourceCluster, Optional<DbClient> writes, PrimaryRole role,
                      Optional<DbClient> reads, Duration interval) {
        this.clock = clock;
        this.sourceCluster = sourceCluster;
        this.reads = reads;
        writes.ifPresent(db -> scheduler.scheduleAtFixedRate(() -> {
            if (role.held()) {
                beat(db);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Starts the heartbeat (written while this cluster holds the primary role) and registers the gauge (where it has
     * a read store).
     *
     * @param config root config ({@code replica-lag.*})
     * @param stores this cluster's stores
     * @param role   whether this cluster holds the primary role now
     * @return the running monitor
     */
    public static ReplicaLagMonitor start(Config config, Stores stores, PrimaryRole role) {
        Config lag = config.get("replica-lag");
        String source = lag.get("source-cluster").asString().orElse(DEFAULT_SOURCE_CLUSTER);
        ReplicaLagMonitor monitor = new ReplicaLagMonitor(Clock.systemUTC(), source, stores.primaryWrites(), role,
                stores.reads(), lag.get("interval").as(Duration.class).orElse(DEFAULT_INTERVAL));
        if (stores.reads().isPresent()) {
            Metrics.globalRegistry().getOrCreate(Gauge.builder(METRIC, monitor, ReplicaLagMonitor::lagSeconds)
                    .description("Age of the newest primary heartbeat this cluster's read store shows"));
        }
        return monitor;
    }

    double lagSeconds() {
        try {
            return reads.flatMap(db -> db.execute()
                            .get("SELECT beat_millis FROM heartbeat WHERE cluster = ?", sourceCluster))
                    .map(row -> (clock.millis() - row.column(1).get(Long.class)) / 1000.0)
                    .map(seconds -> Math.max(0.0, seconds))
                    .orElse(Double.NaN);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void beat(DbClient primary) {
        try {
            long now = clock.millis();
            primary.execute().dml("INSERT INTO heartbeat (cluster, beat_millis) VALUES (?, ?) "
                    + "ON DUPLICATE KEY UPDATE beat_millis = ?", sourceCluster, now, now);
        } catch (RuntimeException e) {
            // The primary is down: the lag grows on every reader, which is what the alert is for.
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
