package io.tandem.cluster.envcheck;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import redis.clients.jedis.RedisClient;

/**
 * Talks to every server of an environment with a real client, as the services will: a JDBC write on
 * db-a read back on its replica, Redis A and B, a Kafka round trip, Unleash's client API with the backend
 * token, and each cluster's readiness. Reads the environment's endpoints file (env.properties).
 */
public final class EnvCheck {
    /** How long a write on db-a may take to show on the replica. */
    static final Duration REPLICA_WAIT = Duration.ofSeconds(10);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private final Properties env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    EnvCheck(Properties env) {
        this.env = env;
    }

    static EnvCheck fromFile(Path file) throws IOException {
        Properties env = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            env.load(reader);
        }
        return new EnvCheck(env);
    }

    /** Runs every check; a check's failure is a result, never an exception. */
    List<CheckResult> runAll() {
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.of("db-a write, replica read", this::replicaRoundTrip));
        results.add(CheckResult.of("db-b write and read", () -> dbRoundTrip("db.b.jdbc")));
        results.add(CheckResult.of("redis-a", () -> redisRoundTrip("redis.a.url")));
        results.add(CheckResult.of("redis-b", () -> redisRoundTrip("redis.b.url")));
        results.add(CheckResult.of("kafka produce and consume", () -> new KafkaRoundTrip(env.getProperty("kafka.bootstrap")).run()));
        results.add(CheckResult.of("unleash client API", this::unleashClientApi));
        for (String cluster : List.of("a", "b")) {
            results.add(CheckResult.of("cluster-" + cluster + " ready",
                    () -> httpOk(env.getProperty("cluster." + cluster + ".url") + "/observe/health/ready", null)));
        }
        return results;
    }

    private String replicaRoundTrip() throws SQLException, InterruptedException {
        String marker = "chk-" + UUID.randomUUID().toString().substring(0, 4);
        long beat = System.currentTimeMillis();
        try (Connection a = connect("db.a.jdbc"); Connection replica = connect("db.replica.jdbc")) {
            upsertHeartbeat(a, marker, beat);
            long start = System.nanoTime();
            while (System.nanoTime() - start < REPLICA_WAIT.toNanos()) {
                if (readHeartbeat(replica, marker) == beat) {
                    return "seen on the replica after " + (System.nanoTime() - start) / 1_000 + " µs";
                }
                Thread.sleep(1);
            }
        }
        throw new IllegalStateException("the write on db-a did not reach the replica within " + REPLICA_WAIT);
    }

    private String dbRoundTrip(String urlKey) throws SQLException {
        String marker = "chk-" + UUID.randomUUID().toString().substring(0, 4);
        long beat = System.currentTimeMillis();
        try (Connection db = connect(urlKey)) {
            upsertHeartbeat(db, marker, beat);
            if (readHeartbeat(db, marker) != beat) {
                throw new IllegalStateException("read back another value");
            }
        }
        return "ok";
    }

    private Connection connect(String urlKey) throws SQLException {
        return DriverManager.getConnection(env.getProperty(urlKey), env.getProperty("db.app.user"),
                env.getProperty("db.app.password"));
    }

    private static void upsertHeartbeat(Connection db, String cluster, long beat) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO heartbeat (cluster, beat_millis) VALUES (?, ?) ON DUPLICATE KEY UPDATE beat_millis = ?")) {
            st.setString(1, cluster);
            st.setLong(2, beat);
            st.setLong(3, beat);
            st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement("DELETE FROM heartbeat WHERE cluster LIKE 'chk-%' AND beat_millis < ?")) {
            st.setLong(1, beat - Duration.ofMinutes(10).toMillis());
            st.executeUpdate();
        }
    }

    private static long readHeartbeat(Connection db, String cluster) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT beat_millis FROM heartbeat WHERE cluster = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private String redisRoundTrip(String urlKey) {
        try (RedisClient redis = RedisClient.create(URI.create(env.getProperty(urlKey)))) {
            String key = "envcheck:" + UUID.randomUUID();
            redis.setex(key, 60, "v");
            if (!"v".equals(redis.get(key))) {
                throw new IllegalStateException("read back another value");
            }
            redis.del(key);
            return "ok";
        }
    }

    private String unleashClientApi() throws IOException, InterruptedException {
        return httpOk(env.getProperty("unleash.url") + "/api/client/features", env.getProperty("unleash.client.token"));
    }

    private String httpOk(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return "200 " + response.body().length() + " bytes";
    }
}
