package io.tandem.order.sagas.placeorder;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.helidon.common.config.Config;

import io.tandem.common.ft.Backoff;
import io.tandem.common.logging.LogContext;
import io.tandem.order.domain.OrderRepository;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.MySQL8JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.MySQLJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs the saga of every unfinished order on db-scheduler (table {@code order_tasks} in the order database):
 * one task instance per order number, retried after a {@link Backoff} (it never gives up: an unsettled charge can only be settled by asking
 * again), revived when the node running it
 * died (missed heartbeats), and a sweeper that schedules any unfinished order that has no task (an order
 * stored just before a crash, before its task was).
 */
public final class OrderWorker implements AutoCloseable {
    /** Task name prefix; the cluster is appended, so each cluster's nodes run only its own orders. */
    public static final String TASK = "place-order-";
    public static final String DEFAULT_TABLE = "order_tasks";
    public static final int DEFAULT_THREADS = 16;
    public static final Duration DEFAULT_POLLING = Duration.ofSeconds(1);
    /**
     * How due executions are picked: {@code lock-and-fetch} (one {@code SELECT ... FOR UPDATE SKIP LOCKED} and one
     * batched update in a transaction: MariaDB has SKIP LOCKED since 10.6) or {@code fetch} (a select, then one
     * optimistic update per execution: every node races for every row).
     */
    public static final String DEFAULT_POLLING_STRATEGY = "lock-and-fetch";
    /** lock-and-fetch: fetch again when fewer than this share of the threads is busy, up to this share queued. */
    public static final double DEFAULT_LOCK_AND_FETCH_LOWER = 0.5;
    public static final double DEFAULT_LOCK_AND_FETCH_UPPER = 1.0;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);
    public static final int DEFAULT_MISSED_HEARTBEATS = 4;
    /** A step to retry: 0.5, 1, 2, ... 30 s, each drawn between half and all of that; attempts are not read. */
    public static final Backoff DEFAULT_RETRY = new Backoff(Backoff.UNLIMITED, Duration.ofMillis(500),
            Duration.ofSeconds(30), 0.5);
    public static final Duration DEFAULT_SWEEP_EVERY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SWEEP_IDLE = Duration.ofSeconds(10);
    /** How long a stop waits for running sagas before it gives up on them (they are revived elsewhere). */
    public static final Duration DEFAULT_SHUTDOWN_MAX_WAIT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(OrderWorker.class.getName());

    private final OneTimeTask<Void> task;
    private final Scheduler scheduler;
    private final OrderRepository orders;
    private final Duration sweepIdle;
    private final String cluster;

    /**
     * @param config the {@code order.worker} node: table, threads, polling-interval, polling-strategy,
     *               lock-and-fetch.lower, lock-and-fetch.upper, heartbeat-interval,
     *               missed-heartbeats, retry.{base,cap,jitter}, sweep-every, sweep-idle, shutdown-max-wait;
     *               its statements run on the order database's pool, under that store's timeouts (DbTimeouts)
     */
    public OrderWorker(DataSource dataSource, PlaceOrderSaga saga, OrderRepository orders, Config config, String cluster,
                       String name) {
        this.orders = orders;
        this.cluster = cluster;
        this.sweepIdle = duration(config, "sweep-idle", DEFAULT_SWEEP_IDLE);
        this.task = Tasks.oneTime(TASK + cluster)
                .onFailure(retryAfter(Backoff.from(config.get("retry"), DEFAULT_RETRY).withAttempts(Backoff.UNLIMITED)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> saga.advance(instance.getId()));
        RecurringTask<Void> sweeper = Tasks.recurring("order-sweeper-" + cluster,
                        FixedDelay.of(duration(config, "sweep-every", DEFAULT_SWEEP_EVERY)))
                .execute((instance, context) -> sweep());
        boolean lockAndFetch = config.get("polling-strategy").asString().orElse(DEFAULT_POLLING_STRATEGY)
                .equals("lock-and-fetch");
        var builder = Scheduler.create(dataSource, task)
                .startTasks(sweeper)
                .tableName(config.get("table").asString().orElse(DEFAULT_TABLE))
                // Named, not detected: detection opens a connection while building, and a cluster must start (and
                // serve carts) while its order database is down. What detection picks for MariaDB through
                // Connector/J ("MySQL", version 5.5.5-10.x), timestamps in the JVM's zone as before.
                // MySQL8JdbcCustomization: the same, plus FOR UPDATE SKIP LOCKED, which MariaDB 10.6+ has too.
                .jdbcCustomization(lockAndFetch ? new MySQL8JdbcCustomization(false) : new MySQLJdbcCustomization(false))
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(config.get("threads").asInt().orElse(DEFAULT_THREADS))
                .pollingInterval(duration(config, "polling-interval", DEFAULT_POLLING))
                .heartbeatInterval(duration(config, "heartbeat-interval", DEFAULT_HEARTBEAT))
                .missedHeartbeatsLimit(config.get("missed-heartbeats").asInt().orElse(DEFAULT_MISSED_HEARTBEATS))
                // retryAfter logs each failure with the order number; db-scheduler's line would only repeat it
                .failureLogging(LogLevel.DEBUG, false)
                .enableImmediateExecution()
                .shutdownMaxWait(duration(config, "shutdown-max-wait", DEFAULT_SHUTDOWN_MAX_WAIT));
        if (lockAndFetch) {
            builder.pollUsingLockAndFetch(config.get("lock-and-fetch.lower").asDouble().orElse(DEFAULT_LOCK_AND_FETCH_LOWER),
                    config.get("lock-and-fetch.upper").asDouble().orElse(DEFAULT_LOCK_AND_FETCH_UPPER));
        }
        this.scheduler = builder.build();
    }

    public void start() {
        scheduler.start();
    }

    /** Schedules a new order's saga now (one insert; the sweeper covers an order whose task was never written). */
    public void submit(String orderNumber) {
        scheduler.schedule(task.instance(orderNumber), Instant.now());
    }

    /** Orders waiting for a task, or waiting in one, right now. */
    public int scheduledCount() {
        return scheduler.getScheduledExecutionsForTask(TASK + cluster).size();
    }

    private void sweep() {
        long before = System.currentTimeMillis() - sweepIdle.toMillis();
        int scheduled = 0;
        for (String number : orders.unfinishedIdleSince(cluster, before, 500)) {
            if (scheduler.scheduleIfNotExists(task.instance(number), Instant.now())) {
                scheduled++;
            }
        }
        if (scheduled > 0) {
            LOG.log(Level.INFO, "sweeper scheduled " + scheduled + " unfinished orders that had no task");
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }

    /**
     * consecutiveFailures counts the failures before this one: 0 on the first, whose wait is about base. Logs the
     * failure with the order's number (db-scheduler's own failure line names only the task, so it is at DEBUG).
     */
    private static FailureHandler<Void> retryAfter(Backoff backoff) {
        return (complete, operations) -> {
            Duration wait = backoff.delayAfterFailures(complete.getExecution().consecutiveFailures + 1,
                    ThreadLocalRandom.current());
            try (LogContext.Scope scope = LogContext.withOrderNumber(complete.getExecution().taskInstance.getId())) {
                LOG.log(Level.INFO, "saga stopped before its next step, trying again in " + wait.toMillis() + " ms (failure "
                        + (complete.getExecution().consecutiveFailures + 1) + "): "
                        + complete.getCause().map(Throwable::toString).orElse("no cause given"));
            }
            operations.reschedule(complete, Instant.now().plus(wait));
        };
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.get(key).as(Duration.class).orElse(fallback);
    }
}
