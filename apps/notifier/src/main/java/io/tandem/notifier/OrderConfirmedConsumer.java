package io.tandem.notifier;

import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.helidon.common.config.Config;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tandem.common.api.Jsons;
import io.tandem.common.logging.LogContext;

import jakarta.json.JsonObject;

/**
 * Reads {@code order.confirmed} and notifies each order once. Offsets are committed only after the batch's
 * notifications are stored (at least once); the notification's primary key (the order number) turns every
 * repeat — a replay, a rebalance, a consumer on the other cluster — into a no-op.
 */
public final class OrderConfirmedConsumer implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "order.confirmed";
    public static final String DEFAULT_GROUP = "tandem-notifier";
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final System.Logger LOG = System.getLogger(OrderConfirmedConsumer.class.getName());

    private final KafkaConsumer<String, String> consumer;
    private final Notifications notifications;
    private final String topic;
    private final Duration poll;
    private final String name;
    private final Counter sent;
    private final Counter repeats;
    private final Counter unreadable;
    private volatile boolean running = true;
    private Thread thread;

    /** @param config the {@code notifier} node: topic, group, poll */
    public OrderConfirmedConsumer(Config config, String bootstrap, Notifications notifications, String name) {
        this.notifications = notifications;
        this.topic = config.get("topic").asString().orElse(DEFAULT_TOPIC);
        this.poll = config.get("poll").as(Duration.class).orElse(DEFAULT_POLL);
        this.name = name;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String group = config.get("group").asString().orElse(DEFAULT_GROUP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.sent = Metrics.getOrCreate(Counter.builder("notifications_sent_total"));
        this.repeats = Metrics.getOrCreate(Counter.builder("notifications_repeats_total")
                .description("events of an order already notified (replays, rebalances, the other cluster)"));
        this.unreadable = Metrics.getOrCreate(Counter.builder("notifications_unreadable_total"));
        Metrics.getOrCreate(io.helidon.metrics.api.Gauge.builder("tandem.consumer.lag.records", this::lagRecords)
                .tags(Metrics.tags("group", group))
                .description("records the notifier is behind on order.confirmed (the client's records-lag-max)"));
    }

    // The Kafka client's own figure, read from its metrics (safe from another thread); NaN before the first fetch.
    private double lagRecords() {
        for (var metric : consumer.metrics().entrySet()) {
            var name = metric.getKey();
            if (name.name().equals("records-lag-max") && name.group().equals("consumer-fetch-manager-metrics")
                    && !name.tags().containsKey("topic") && metric.getValue().metricValue() instanceof Number n) {
                return n.doubleValue();
            }
        }
        return Double.NaN;
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("notifier-consumer").start(this::run);
    }

    private void run() {
        consumer.subscribe(List.of(topic));
        while (running) {
            try {
                ConsumerRecords<String, String> records = consumer.poll(poll);
                for (ConsumerRecord<String, String> record : records) {
                    // The key is the order number (the outbox row's key): every line of its handling names the order.
                    try (LogContext.Scope scope = LogContext.withOrderNumber(record.key())) {
                        ConsumerSpans.handle(record, () -> handle(record));
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                // Stored notifications stay; uncommitted offsets are read again after a pause (no-ops by key).
                LOG.log(Level.WARNING, "notifier: " + e.getMessage());
                sleep();
                seekToCommitted();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void handle(ConsumerRecord<String, String> record) {
        JsonObject event;
        try {
            event = Jsons.JSON.createReader(new StringReader(record.value())).readObject();
            event.getString("orderNumber");
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.log(Level.WARNING, "skipping unreadable event at " + record.partition() + "/" + record.offset());
            return;
        }
        String order = event.getString("orderNumber");
        String body = "Order " + order + " is confirmed: " + event.getJsonNumber("totalCents").longValue() / 100.0
                + " " + event.getString("currency", "EUR");
        if (notifications.notifyOnce(order, event.getString("userId", "?"), body, record.topic(), record.partition(),
                record.offset(), name)) {
            sent.increment();
            LOG.log(Level.INFO, () -> "notified: \"" + body + "\" (" + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + ")");
        } else {
            repeats.increment();
            LOG.log(Level.INFO, () -> "already notified, event repeated at " + record.topic() + "/" + record.partition()
                    + "@" + record.offset());
        }
    }

    private void seekToCommitted() {
        try {
            var assigned = consumer.assignment();
            var committed = consumer.committed(assigned);
            for (var partition : assigned) {
                var offset = committed.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "notifier: could not rewind yet: " + e.getMessage());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
