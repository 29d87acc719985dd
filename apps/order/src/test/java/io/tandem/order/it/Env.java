package io.tandem.order.it;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The running environment's endpoints (envs/local writes them; -Dtandem.env.file names the file). */
final class Env {
    private static Properties properties;

    private Env() {
    }

    static synchronized String get(String key) {
        if (properties == null) {
            // The root pom passes <repo>/.run/local/env.properties; -Dtandem.env.file=... points elsewhere.
            String file = System.getProperty("tandem.env.file", ".run/local/env.properties");
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                loaded.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("the environment is not up: no " + file
                        + " (start it with ./tandem up, or pass -Dtandem.env.file)", e);
            }
            properties = loaded;
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in the environment file");
        }
        return value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
