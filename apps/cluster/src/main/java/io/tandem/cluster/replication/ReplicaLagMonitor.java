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

import io.tandem.common.store.Stores;

/**
 * Replica lag, measured end to end through the data: the cluster that owns the primary writes a heartbeat row
 * there every {@code replica-lag.interval}; every cluster exports {@code tandem_replica_lag_seconds}, the age of
 * the newest heartbeat its read store shows. On B (reads on the replica) that is replication lag plus at most one
 * interval; on A (reads on the primary) at most one interval. NaN while the read store cannot answer.
 */
public final class ReplicaLagMonitor implements AutoCloseable {
    /** How often the primary's owner writes its heartbeat. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** The cluster whose heartbeat marks the primary's time: the one that owns db-a. */
    public static final String DEFAULT_SOURCE_CLUSTER = "a";
    static final String METRIC = "tandem.replica.lag.seconds";

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("replica-heartbeat").factory());
    private final Clock clock;
    private final String sourceCluster;
    private final Optional<DbClient> reads;

    ReplicaLagMonitor(Clock clock, String sourceCluster, Optional<DbClient> primary, Optional<DbClient> reads,
                      Duration interval) {
        this.clock = clock;
        this.sourceCluster = sourceCluster;
        this.reads = reads;
        primary.ifPresent(db -> scheduler.scheduleAtFixedRate(() -> beat(db), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /**
     * Starts the heartbeat (where this cluster owns the primary) and registers the gauge (where it has a read store).
     *
     * @param config root config ({@code cluster.name}, {@code replica-lag.*})
     * @param stores this cluster's stores
     * @return the running monitor
     */
    public static ReplicaLagMonitor start(Config config, Stores stores) {
        Config lag = config.get("replica-lag");
        String source = lag.get("source-cluster").asString().orElse(DEFAULT_SOURCE_CLUSTER);
        boolean ownsPrimary = source.equals(config.get("cluster.name").asString().orElse(""));
        ReplicaLagMonitor monitor = new ReplicaLagMonitor(Clock.systemUTC(), source,
                ownsPrimary ? stores.primary() : Optional.empty(), stores.reads(),
                lag.get("interval").as(Duration.class).orElse(DEFAULT_INTERVAL));
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
