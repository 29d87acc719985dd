package io.tandem.order.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.nio.ByteBuffer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A Kafka broker of the test's own (KRaft, broker+controller, free ports, a temp data folder), started from the
 * same Kafka jars the environment uses ({@code run.dir/kafka/libs}), so a test may stop and restart it.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path home;
    private final int port;
    private final Path libs;
    private JavaProcess process;

    private KafkaBroker(Path home, int port, Path libs) {
        this.home = home;
        this.port = port;
        this.libs = libs;
    }

    static KafkaBroker start(Path home) throws IOException {
        Path libs = Path.of(Env.get("run.dir"), "kafka", "libs");
        int port = Env.freePort();
        int controller = Env.freePort();
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + home.resolve("data"),
                "num.partitions=3", "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false",
                "log.cleaner.dedupe.buffer.size=16777216", ""));
        Files.writeString(home.resolve("log4j2.properties"), String.join("\n", "rootLogger.level=WARN",
                "rootLogger.appenderRef.stdout.ref=STDOUT", "appender.stdout.type=Console", "appender.stdout.name=STDOUT",
                "appender.stdout.layout.type=PatternLayout", "appender.stdout.layout.pattern=%d %p %c{1} %m%n", ""));
        UUID uuid = UUID.randomUUID();
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        JavaProcess.run("kafka-format", JavaProcess.classpathOf(libs), "kafka.tools.StorageTool",
                List.of("format", "--standalone", "--cluster-id", clusterId, "--config",
                        home.resolve("server.properties").toString()), home.resolve("format.log"));
        KafkaBroker broker = new KafkaBroker(home, port, libs);
        broker.restart();
        broker.createTopic("order.confirmed", 3);
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker process (again) on the same ports and data, and waits until it answers. */
    void restart() {
        process = JavaProcess.start("kafka", JavaProcess.classpathOf(libs),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties")),
                "kafka.Kafka", Map.of(), List.of(home.resolve("server.properties").toString()), home.resolve("kafka.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get();
                return;
            } catch (Exception e) {
                if (!process.alive()) {
                    throw new IllegalStateException("kafka exited: see " + home.resolve("kafka.log"));
                }
                JavaProcess.sleep(300);
            }
        }
        throw new IllegalStateException("kafka not ready: see " + home.resolve("kafka.log"));
    }

    /** SIGKILL of the broker: Kafka is down until {@link #restart()}. */
    void kill() {
        process.kill9();
    }

    void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + name, e);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(props);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
