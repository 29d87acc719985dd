package io.tandem.common.logging;

import java.lang.System.Logger.Level;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

import io.helidon.config.Config;

/**
 * A process's logging, once its config is read. Every Main of the project:
 * <pre>
 * LogConfig.configureRuntime();          // classpath logging.properties: JSON lines on stdout (JsonLogFormatter)
 * Config config = Config.create();
 * Logging.configure(config);             // cluster field, secrets to mask, uncaught exceptions as JSON lines
 * </pre>
 */
public final class Logging {
    private static final System.Logger LOG = System.getLogger(Logging.class.getName());

    private Logging() {
    }

    /**
     * Takes from the config what every log line needs: the cluster ({@code cluster.name}, none when absent) and the
     * secrets never to print ({@link LogRedaction#addSecretsFrom}); sends what an uncaught exception would print
     * to stderr as plain text through the log instead.
     *
     * @param config the root config
     */
    public static void configure(Config config) {
        LogContext.cluster(config.get("cluster.name").asString().orElse(null));
        LogRedaction.addSecretsFrom(config);
        uncaughtExceptionsToLog();
    }

    /**
     * For a command-line tool without {@code logging.properties} (the schema migrators): JUL's default console
     * handler, which writes to stderr, prints JSON lines too (envs/local keeps that stderr as {@code migrate.log}).
     */
    public static void jsonOnStandardError() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
        uncaughtExceptionsToLog();
    }

    /** The JVM's default handler prints the stack to stderr, a plain-text block in a JSON log. */
    private static void uncaughtExceptionsToLog() {
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                    LOG.log(Level.ERROR, "uncaught exception in thread " + thread.getName(), error));
        }
    }
}
