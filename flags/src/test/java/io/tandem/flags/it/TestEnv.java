package io.tandem.flags.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The running environment's endpoints, from the file named by system property {@code tandem.env.file}. */
final class TestEnv {
    private final Properties properties;

    private TestEnv(Properties properties) {
        this.properties = properties;
    }

    static TestEnv load() {
        String file = System.getProperty("tandem.env.file");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("No environment file (system property tandem.env.file = " + file
                    + "): bring envs/local up and pass -Dtandem.env.file=.../.run/local/env.properties");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
        return new TestEnv(p);
    }

    String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("Environment file has no " + key);
        }
        return value.strip();
    }

    String get(String key, String defaultValue) {
        String value = properties.getProperty(key);
        return value == null ? defaultValue : value.strip();
    }
}
