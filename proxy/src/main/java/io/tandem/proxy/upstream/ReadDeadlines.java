package io.tandem.proxy.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One watchdog per pool that enforces the wait limits on its connections' reads ({@link GuardedInput}).
 * <p>
 * Why not socket read timeouts: a virtual thread blocked in a read with {@code SO_TIMEOUT} parks with a timeout, so
 * the JDK arms a timer on its scheduler thread for every wait and cancels it when the answer comes, two more thread
 * wake-ups on every proxied request. On the benchmark that was about 45 µs of CPU per request and 0.1 ms at p50 on
 * the shared 2-core machine. Here a read only publishes its deadline; this thread looks every check interval and
 * closes what is overdue, so a timeout fires at most one interval late.
 */
final class ReadDeadlines implements AutoCloseable {
    /** How late a timeout may fire; small beside the proxy's timeouts (seconds), 20 cheap wake-ups a second. */
    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(50);

    private final Set<GuardedInput> inputs = ConcurrentHashMap.newKeySet();
    private final long intervalNanos;
    private final Thread watchdog;
    private volatile boolean closed;

    ReadDeadlines(String name, Duration interval) {
        this.intervalNanos = Math.max(1, interval.toNanos());
        // A platform thread: its wake-ups stay off the virtual threads' scheduler that serves requests.
        this.watchdog = Thread.ofPlatform().daemon().name("upstream-deadlines-" + name).start(this::run);
    }

    void register(GuardedInput input) {
        inputs.add(input);
    }

    void unregister(GuardedInput input) {
        inputs.remove(input);
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(intervalNanos);
            long now = System.nanoTime();
            for (GuardedInput input : inputs) {
                if (input.expireIfDue(now)) {
                    inputs.remove(input);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watchdog);
    }
}
