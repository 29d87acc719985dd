package io.tandem.common.lifecycle;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one owner of a JVM's running parts: each registers when it has started, in start order, and {@link #stop()}
 * stops them in reverse — the web server before the workers that answer it, the workers before the pools they
 * use — each once, one at a time. The JVM runs shutdown hooks concurrently and in no order, so a process has one
 * hook, this one's ({@link #withShutdownHook}); a part that fails to stop is logged and the others still stop.
 */
public final class Lifecycle {
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

    private final List<Part> parts = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private record Part(String name, AutoCloseable stop) {
    }

    /** A lifecycle without a hook: the caller stops it (tests, embedding). */
    public Lifecycle() {
    }

    /** A lifecycle the JVM stops on exit, through its one shutdown hook (thread {@code name}). */
    public static Lifecycle withShutdownHook(String name) {
        Lifecycle lifecycle = new Lifecycle();
        Runtime.getRuntime().addShutdownHook(new Thread(lifecycle::stop, name));
        return lifecycle;
    }

    /**
     * Registers a started part; it is stopped before every part registered earlier.
     *
     * @param name what the logs call it
     * @param stop how it stops
     */
    public synchronized void onStop(String name, AutoCloseable stop) {
        if (stopped.get()) {
            // started while the JVM is already stopping: nothing else will stop it
            close(new Part(name, stop));
            return;
        }
        parts.add(new Part(name, stop));
    }

    /** Registers a started part that is its own stop, and answers it (for one-line starts). */
    public <T extends AutoCloseable> T started(String name, T part) {
        onStop(name, part);
        return part;
    }

    /** Stops every part in reverse order of registration; only the first call does anything. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<Part> reverse;
        synchronized (this) {
            reverse = new ArrayList<>(parts.reversed());
        }
        reverse.forEach(Lifecycle::close);
    }

    private static void close(Part part) {
        try {
            part.stop().close();
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "stopping " + part.name() + " failed, stopping the others anyway", e);
        }
    }
}
