package io.tandem.order.outbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;

import io.tandem.common.logging.LogContext;
import io.opentelemetry.api.trace.Span;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes this cluster's outbox rows to Kafka in id order (key = the row's key, the order number) and marks each one
 * published only after Kafka acknowledged it. The producer is idempotent and retries by itself for up to
 * {@code delivery-timeout} (a day by default): while Kafka is down the relay waits on the same producer, so
 * rows are neither lost nor sent twice when it comes back. A crash between Kafka's ack and the mark can send
 * that batch again: consumers are idempotent by key (the notifier is).
 */
public final class OutboxRelay implements AutoCloseable {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092";
    public static final int DEFAULT_BATCH = 200;
    /**
     * How long an idle relay waits before reading the outbox again when nobody wakes it. A confirm in this JVM wakes
     * it at once ({@link #wake}), so this only bounds how late a row written elsewhere (another node of the cluster,
     * a node that died before its relay ran) goes out, and what an idle cluster pays: each round is a query.
     */
    public static final Duration DEFAULT_IDLE_WAIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_ERROR_WAIT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofDays(1);
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(5);
    /** How long closing waits for records still in the producer (they stay unmarked and go out again later). */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final DbClient db;
    private final String cluster;
    private final RelayLock lock;
    private final KafkaProducer<String, String> producer;
    private final int batch;
    private final Duration idleWait;
    private final Duration errorWait;
    private final Duration closeTimeout;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param config the {@code order.outbox} node: batch, idle-wait, error-wait,
     *               delivery-timeout, max-block, close-timeout; its statements (and the relay lock's) run
     *               on the order database's pool, under that store's timeouts (DbTimeouts)
     */
    public OutboxRelay(DbClient db, DataSource dataSource, Config config, String bootstrap, String cluster) {
        this.db = db;
        this.cluster = cluster;
        this.lock = new RelayLock(dataSource, "tandem-outbox-relay-" + cluster);
        this.batch = config.get("batch").asInt().orElse(DEFAULT_BATCH);
        this.idleWait = config.get("idle-wait").as(Duration.class).orElse(DEFAULT_IDLE_WAIT);
        this.errorWait = config.get("error-wait").as(Duration.class).orElse(DEFAULT_ERROR_WAIT);
        this.closeTimeout = config.get("close-timeout").as(Duration.class).orElse(DEFAULT_CLOSE_TIMEOUT);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + cluster);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.min(Integer.MAX_VALUE,
                config.get("delivery-timeout").as(Duration.class).orElse(DEFAULT_DELIVERY_TIMEOUT).toMillis())));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(
                config.get("max-block").as(Duration.class).orElse(DEFAULT_MAX_BLOCK).toMillis()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("outbox-relay").start(this::run);
    }

    /** A row was just written (a confirm committed in this JVM): the relay reads the outbox now, not after its idle wait. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Rows not yet acknowledged by Kafka. */
    public long pending() {
        return pending.get();
    }

    /** Age of the oldest unpublished row, ms (0 when none). */
    public long lagMillis() {
        return lagMillis.get();
    }

    public long published() {
        return published.get();
    }

    private void run() {
        while (running) {
            try {
                int read = relayOnce();
                // A full batch may have more behind it; else what is written from now on wakes the relay (a confirm
                // in this JVM) or waits for the idle round (a row of another node).
                if (read >= 0 && read < batch) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outbox relay: " + e.getMessage());
                sleep(errorWait);
            }
        }
    }

    /**
     * Whether this relay may send now: it holds the cluster's relay lock, and the database can take the published
     * marks. A read-only database (db-a fenced after a region failover, or a replica being rebuilt) cannot: a row
     * sent then would be sent again every round (9 times each in a region-a-lost run, where cluster A came back
     * before its database was writable).
     */
    private boolean maySend() {
        return lock.holds() && !readOnly();
    }

    private boolean readOnly() {
        return db.execute().get("SELECT @@global.read_only").map(r -> r.column(1).getLong()).orElse(0L) != 0;
    }

    /**
     * Reads one batch of unpublished rows in id order and, when this relay may send ({@link #maySend}), sends it and
     * marks what Kafka acknowledged. Reading first: an idle round is one statement, the lock and the database's
     * writability are asked only when there is something to send.
     *
     * @return how many rows were read and sent (0: the outbox is empty; {@code batch}: there may be more), or -1 when
     *         what was read was not all sent (the lock is another relay's, the database is read-only, or Kafka did
     *         not acknowledge every row): after the error wait, the next round comes at once
     */
    int relayOnce() {
        List<Row> rows = db.execute().query("SELECT id, topic, message_key, payload, created_at, traceparent FROM outbox"
                        + " WHERE cluster = ? AND published_at IS NULL ORDER BY id LIMIT ?", cluster, batch)
                .map(r -> new Row(r.column("id").getLong(), r.column("topic").getString(),
                        r.column("message_key").getString(), r.column("payload").getString(),
                        r.column("created_at").getLong(), r.column("traceparent").getString()))
                .toList();
        updateLag(rows, List.of());
        if (rows.isEmpty()) {
            return 0;
        }
        if (!maySend()) {
            sleep(errorWait);
            return -1;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            Span span = RelaySpans.publish(row.topic(), row.key(), row.traceparent(), record.headers());
            try {
                acks.add(producer.send(record, (metadata, error) -> RelaySpans.end(span, error)));
            } catch (RuntimeException e) {
                RelaySpans.end(span, e);
                // Not handed to the producer: nothing of this row was sent; it is tried again next round.
                LOG.log(Level.INFO, "outbox relay waiting for Kafka: " + e.getMessage());
                break;
            }
        }
        // Wait for every record handed over, success or failure, before the next round: a record still in the
        // producer when its row is read again would go out twice.
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            Row row = rows.get(i);
            // the row's key is its order's number: these lines are the order's (order_number)
            try (LogContext.Scope scope = LogContext.withOrderNumber(row.key())) {
                try {
                    RecordMetadata sent = acks.get(i).get();
                    done.add(row.id());
                    LOG.log(Level.INFO, () -> "outbox row " + row.id() + " published to " + sent.topic() + "/"
                            + sent.partition() + "@" + sent.offset());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    break;
                } catch (Exception e) {
                    LOG.log(Level.INFO, "outbox row " + row.id() + " not acknowledged, will retry: " + e.getMessage());
                }
            }
        }
        markPublished(done);
        updateLag(rows, done);
        if (done.size() < rows.size()) {
            sleep(errorWait);
            return -1;
        }
        return rows.size();
    }

    private void markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        // ids are longs read from the table, not input: safe to inline.
        db.execute().dml("UPDATE outbox SET published_at = ? WHERE published_at IS NULL AND id IN (" + in + ")",
                System.currentTimeMillis());
        published.addAndGet(ids.size());
    }

    /**
     * The pending and lag gauges after a read (nothing done yet) or a send: from the rows themselves when the batch
     * held every unpublished row, else counted in the table (a full batch: more may wait behind it).
     */
    private void updateLag(List<Row> rows, List<Long> done) {
        if (rows.size() >= batch) {
            refreshLag();
            return;
        }
        Row oldest = rows.stream().filter(r -> !done.contains(r.id())).findFirst().orElse(null);
        pending.set(rows.size() - done.size());
        lagMillis.set(oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.createdAt()));
    }

    private void refreshLag() {
        db.execute().get("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox"
                        + " WHERE cluster = ? AND published_at IS NULL", cluster)
                .ifPresent(r -> {
                    pending.set(r.column("n").getLong());
                    Long oldest = r.column("oldest").get(Long.class);
                    lagMillis.set(oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest));
                });
    }

    /** Until woken or the idle wait is over; a wake that came while a round ran counts. */
    private void awaitWork() {
        try {
            if (wakeUp.tryAcquire(idleWait.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        producer.close(closeTimeout);
        lock.close();
    }

    private record Row(long id, String topic, String key, String payload, long createdAt, String traceparent) {
    }
}
