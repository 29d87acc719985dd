package io.tandem.drill;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The environment's endpoints file (written by envs/local): {@code key=value} lines. */
public record Env(Path file, Properties props) {
    /** The proxy's JWT secret when the env file does not name one (the proxy's application.yaml default). */
    public static final String DEFAULT_JWT_SECRET = "tandem-local-jwt-secret-0123456789abcdef";
    public static final String DEFAULT_JWT_ISSUER = "tandem-local";
    public static final String DEFAULT_JWT_AUDIENCE = "tandem";

    public static Env load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        return new Env(file, props);
    }

    public String get(String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + ": no " + key);
        }
        return value.strip();
    }

    public String get(String key, String fallback) {
        String value = props.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public Path runDir() {
        return Path.of(get("run.dir"));
    }

    /** The pid file of a component (run.dir/pids/name.pid). */
    public Path pidFile(String component) {
        return runDir().resolve("pids").resolve(component + ".pid");
    }
}
