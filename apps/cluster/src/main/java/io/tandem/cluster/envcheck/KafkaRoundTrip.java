package io.tandem.cluster.envcheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces one record to the {@code env.check} topic and reads it back from its offset. */
final class KafkaRoundTrip {
    static final String TOPIC = "env.check";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String bootstrap;

    KafkaRoundTrip(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    String run() throws Exception {
        String value = UUID.randomUUID().toString();
        long offset;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis()),
                new StringSerializer(), new StringSerializer())) {
            offset = producer.send(new ProducerRecord<>(TOPIC, 0, "envcheck", value)).get().offset();
        }
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (value.equals(record.value())) {
                        return "record read back at offset " + offset;
                    }
                }
            }
        }
        throw new IllegalStateException("produced at offset " + offset + " but not consumed within " + TIMEOUT);
    }
}
