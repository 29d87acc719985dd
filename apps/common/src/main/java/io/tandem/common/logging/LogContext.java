package io.tandem.common.logging;

import java.util.Locale;

/**
 * What a log line is about, beyond what the JUL record says: the request being served ({@code request_id}, the
 * proxy's {@code X-Request-Id}) and the order being worked on ({@code order_number}), per thread, and the cluster
 * this process belongs to ({@code cluster}), per process. {@link JsonLogFormatter} prints whatever is set when a
 * line is logged.
 *
 * <p>Per-thread values are set for a stretch of work and undone at its end, nested:
 * <pre>
 * try (LogContext.Scope scope = LogContext.withOrderNumber(number)) {
 *     ... every line logged by this thread here, libraries' too, names the order ...
 * }
 * </pre>
 * A ThreadLocal, not a ScopedValue: ScopedValue is a preview API on Java 21, the release this project compiles for.
 * Helidon SE runs a request's filters and handler on one (virtual) thread, the saga worker a step on one thread,
 * so the value covers the work; a line logged on another thread (a Kafka client's I/O thread, a pool's
 * housekeeping) has no request or order and is matched by its trace id instead, when tracing is on.
 */
public final class LogContext {
    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();
    private static final Scope NOTHING = () -> { };
    private static volatile String cluster;

    private LogContext() {
    }

    /** The values set on this thread; either may be null. */
    private record Frame(String requestId, String orderNumber) {
    }

    /** Undoes what its {@code with...} call set, giving back the values that were there before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Names the request this thread serves until the scope is closed.
     *
     * @param requestId the request id; null or blank changes nothing
     * @return the scope to close
     */
    public static Scope withRequestId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            return NOTHING;
        }
        Frame before = CURRENT.get();
        return push(before, new Frame(requestId, before == null ? null : before.orderNumber()));
    }

    /**
     * Names the order this thread works on until the scope is closed; the request id, if any, stays.
     *
     * @param orderNumber the order number; null or blank changes nothing
     * @return the scope to close
     */
    public static Scope withOrderNumber(String orderNumber) {
        if (orderNumber == null || orderNumber.isBlank()) {
            return NOTHING;
        }
        Frame before = CURRENT.get();
        return push(before, new Frame(before == null ? null : before.requestId(), orderNumber));
    }

    /** The request id set on this thread, or null. */
    public static String requestId() {
        Frame frame = CURRENT.get();
        return frame == null ? null : frame.requestId();
    }

    /** The order number set on this thread, or null. */
    public static String orderNumber() {
        Frame frame = CURRENT.get();
        return frame == null ? null : frame.orderNumber();
    }

    /**
     * Names the cluster this process belongs to, for every line of every thread ({@code cluster.name} from config,
     * printed upper case: {@code A}, {@code B}).
     *
     * @param name the cluster's name; null or blank: none (catalog, offers, the proxy belong to no cluster)
     */
    public static void cluster(String name) {
        cluster = name == null || name.isBlank() ? null : name.strip().toUpperCase(Locale.ROOT);
    }

    /** This process's cluster, or null. */
    public static String cluster() {
        return cluster;
    }

    private static Scope push(Frame before, Frame now) {
        CURRENT.set(now);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }
}
