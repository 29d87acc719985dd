package io.tandem.common.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.common.api.IdentityAssertions;

import org.junit.jupiter.api.Assumptions;

/**
 * The running envs/local, from the file named by system property {@code tandem.env.file}. *IT tests call
 * {@link #require()}: without the file they are skipped (reported), never faked.
 */
public final class TestEnv {
    private final Properties properties;

    private TestEnv(Properties properties) {
        this.properties = properties;
    }

    public static TestEnv require() {
        String file = System.getProperty("tandem.env.file", "");
        Path path = Path.of(file.isEmpty() ? ".run/local/env.properties" : file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "envs/local is not up (no " + path + ")");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new TestEnv(properties);
    }

    public String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("env.properties has no " + key);
        }
        return value.strip();
    }

    /** Signs identities as the env's proxy does, for tests that call a deployed cluster directly. */
    public IdentityAssertions identity() {
        return IdentityAssertions.of(get(IdentityAssertions.SECRET_KEY), IdentityAssertions.DEFAULT_TTL);
    }

    /** The env's {@code admin.token}, for calls to {@code /admin/} routes. */
    public String adminBearer() {
        return "Bearer " + get("admin.token");
    }

    /**
     * The URL of a deployed cluster JVM: {@code cluster.<name>.url} of env.properties, or system property
     * {@code tandem.it.cluster.<name>.url} (to run the same tests against a cluster JVM of a branch on other ports).
     */
    public String clusterUrl(String name) {
        return System.getProperty("tandem.it.cluster." + name + ".url", get("cluster." + name + ".url"));
    }

    /** Config of one cluster's stores as envs/local gives them; add or override keys with {@code extra}. */
    public Config clusterConfig(String cluster, Map<String, String> extra) {
        Map<String, String> map = new HashMap<>();
        boolean a = cluster.equals("a");
        map.put("cluster.name", cluster);
        map.put("cluster.primary", Boolean.toString(a));
        if (a) {
            db(map, "primary", get("db.a.jdbc"));
            db(map, "reads", get("db.a.jdbc"));
        } else {
            db(map, "reads", get("db.replica.jdbc"));
        }
        map.put("redis.url", get(a ? "redis.a.url" : "redis.b.url"));
        map.put("session.secret", get("session.secret"));
        map.put("catalog.url", get("catalog.url"));
        map.put("offers.url", get("offers.url"));
        map.put(IdentityAssertions.SECRET_KEY, get(IdentityAssertions.SECRET_KEY));
        map.putAll(extra);
        return Config.just(ConfigSources.create(map));
    }

    private void db(Map<String, String> map, String role, String url) {
        map.put("db." + role + ".source", "jdbc");
        map.put("db." + role + ".connection.url", url);
        map.put("db." + role + ".connection.username", get("db.app.user"));
        map.put("db." + role + ".connection.password", get("db.app.password"));
        map.put("db." + role + ".connection.connectionTimeout", "2000");
    }
}
