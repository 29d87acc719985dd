package io.tandem.order.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

import io.tandem.notifier.Notifications;
import io.tandem.notifier.OrderConfirmedConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The outbox relay through a Kafka broker the test stops (SIGKILL) and restarts mid-stream: rows wait, then go
 * out, none lost and none twice; then the notifier, consumed twice over (two consumers of one group, and a
 * replay by another group), notifies each order exactly once.
 */
class OutboxKafkaIT {
    private static final int BEFORE = 15;
    private static final int DURING = 15;
    @TempDir
    static Path dir;
    private static KafkaBroker kafka;
    private static Simulator psp;
    private static OrderNode node;
    private static final List<String> numbers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Schema.migrate(Env.get("db.a.jdbc"));
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        psp = Simulator.start();
        node = OrderNode.start(OrderNode.config("c", Env.get("db.a.jdbc"), psp.url(), kafka.bootstrap()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (psp != null) {
            psp.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void kafkaStoppedMidStreamLosesNothingAndSendsNothingTwiceThenNotifierNotifiesOnce() {
        String db = Env.get("db.a.jdbc");
        placeAndConfirm(BEFORE);
        for (String number : numbers) {
            PlaceOrderIT.awaitPublished(db, number);
        }
        kafka.kill();
        List<String> during = placeAndConfirm(DURING);
        JavaProcess.sleep(1500);
        long waiting = Db.count(db, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND message_key IN ("
                + String.join(",", during.stream().map(n -> "'" + n + "'").toList()) + ")");
        assertThat("rows wait while Kafka is down", waiting, is((long) DURING));

        kafka.restart();
        for (String number : numbers) {
            PlaceOrderIT.awaitPublished(db, number);
        }
        Map<String, Integer> onTopic = readTopic(Set.copyOf(numbers), Duration.ofSeconds(30));
        assertThat(onTopic.toString(), onTopic.size(), is(numbers.size()));
        assertThat(onTopic.toString(), onTopic.values().stream().allMatch(n -> n == 1), is(true));

        notifyTwiceOver(db);
    }

    private void notifyTwiceOver(String jdbc) {
        Map<String, String> settings = new HashMap<>();
        settings.put("source", "jdbc");
        settings.put("connection.url", jdbc);
        settings.put("connection.username", Env.get("db.app.user"));
        settings.put("connection.password", Env.get("db.app.password"));
        DbClient db = DbClient.create(Config.just(ConfigSources.create(settings)));
        Notifications notifications = new Notifications(db);
        String group = "it-notifier-" + UUID.randomUUID();
        Config consumerConfig = Config.just(ConfigSources.create(Map.of("group", group, "poll", "PT0.2S")));
        Config replayConfig = Config.just(ConfigSources.create(Map.of("group", group + "-replay", "poll", "PT0.2S")));
        try (var first = new OrderConfirmedConsumer(consumerConfig, kafka.bootstrap(), notifications, "it-c1");
             var second = new OrderConfirmedConsumer(consumerConfig, kafka.bootstrap(), notifications, "it-c2");
             var replay = new OrderConfirmedConsumer(replayConfig, kafka.bootstrap(), notifications, "it-replay")) {
            first.start();
            second.start();
            replay.start();
            String in = String.join(",", numbers.stream().map(n -> "'" + n + "'").toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline
                    && Db.count(jdbc, "SELECT COUNT(*) FROM notification WHERE order_number IN (" + in + ")") < numbers.size()) {
                JavaProcess.sleep(200);
            }
            JavaProcess.sleep(2000); // give the replay group time to go over every event once more
            assertThat(Db.count(jdbc, "SELECT COUNT(*) FROM notification WHERE order_number IN (" + in + ")"),
                    is((long) numbers.size()));
            assertThat(Db.count(jdbc, "SELECT COUNT(DISTINCT consumer) FROM notification WHERE order_number IN ("
                    + in + ")"), greaterThan(0L));
        }
        db.close();
    }

    private List<String> placeAndConfirm(int count) {
        List<String[]> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = Orders.user();
            placed.add(new String[] {user, OrderNode.json(node.place(user, Orders.key(),
                    node.body(user, "tok_visa", Orders.product()))).getString("orderNumber")});
        }
        List<String> made = new ArrayList<>();
        for (String[] p : placed) {
            assertThat(node.awaitTerminal(p[0], p[1], Duration.ofSeconds(30)).getString("status"), is("CONFIRMED"));
            made.add(p[1]);
        }
        numbers.addAll(made);
        return made;
    }

    private static Map<String, Integer> readTopic(Set<String> wanted, Duration within) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Integer> counts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("order.confirmed"));
            long deadline = System.nanoTime() + within.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (wanted.contains(r.key())) {
                        counts.merge(r.key(), 1, Integer::sum);
                        seen.add(r.key());
                    }
                }
                if (seen.size() == wanted.size() && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // read on: would a twin come?
                }
            }
        }
        return counts;
    }
}
