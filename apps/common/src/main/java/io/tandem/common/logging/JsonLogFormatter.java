package io.tandem.common.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The one log format of every Tandem JVM: one JSON object a line, for JUL (and so for System.Logger, slf4j-jdk14
 * and every library that logs through them: Helidon, Hikari, the Kafka and Unleash clients, db-scheduler, Flyway).
 * Set on the console handler by each process's {@code logging.properties}:
 * <pre>
 * handlers=io.helidon.logging.jul.HelidonConsoleHandler
 * io.helidon.logging.jul.HelidonConsoleHandler.formatter=io.tandem.common.logging.JsonLogFormatter
 * </pre>
 * Fields, in this order, absent when they have no value:
 * <pre>
 * {"time":"2026-12-01T09:22:49.838Z","level":"INFO","logger":"io.tandem.order.sagas.placeorder.PlaceOrderSaga",
 *  "message":"...","thread":"...","cluster":"A","trace_id":"...","span_id":"...","request_id":"...",
 *  "order_number":"...","exception":"java.lang.IllegalStateException: ...\n\tat ..."}
 * </pre>
 * {@code time} is UTC with milliseconds, always 24 characters (text order is time order); {@code level} one of
 * ERROR, WARN, INFO, DEBUG, TRACE (JUL SEVERE, WARNING, INFO, CONFIG/FINE, FINER/FINEST); trace and span ids are
 * the current OpenTelemetry span's, when one is valid (no SDK installed: never); request id, order number and
 * cluster come from {@link LogContext}. Message and exception are masked by {@link LogRedaction}. Everything
 * outside printable ASCII is escaped ({@code \\uXXXX}), so a line is valid JSON in whatever charset the console
 * has, and a message with quotes or line breaks stays one line.
 */
public class JsonLogFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Made by JUL from {@code logging.properties}: public, without arguments. */
    public JsonLogFormatter() {
    }

    @Override
    public String format(LogRecord record) {
        try {
            return line(record);
        } catch (RuntimeException | LinkageError e) {
            // Never lose the line to a formatting bug: JUL would print the failure to stderr as plain text.
            StringBuilder out = new StringBuilder(160).append('{');
            field(out, "time", TIME.format(record.getInstant()));
            field(out, "level", level(record.getLevel()));
            field(out, "logger", String.valueOf(record.getLoggerName()));
            field(out, "message", "(this log record could not be formatted: " + e + ")");
            return out.append("}\n").toString();
        }
    }

    private String line(LogRecord record) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "time", TIME.format(record.getInstant()));
        field(out, "level", level(record.getLevel()));
        field(out, "logger", record.getLoggerName() == null ? "" : record.getLoggerName());
        String message = formatMessage(record);
        field(out, "message", LogRedaction.redact(message == null ? "" : message));
        field(out, "thread", thread(record));
        optional(out, "cluster", LogContext.cluster());
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            field(out, "trace_id", span.getTraceId());
            field(out, "span_id", span.getSpanId());
        }
        optional(out, "request_id", LogContext.requestId());
        optional(out, "order_number", LogContext.orderNumber());
        if (record.getThrown() != null) {
            field(out, "exception", LogRedaction.redact(stackTrace(record.getThrown())));
        }
        return out.append("}\n").toString();
    }

    /** JUL's levels by the names log tools know. */
    static String level(Level level) {
        if (level == null) {
            return "INFO";
        }
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** JUL formats on the logging thread (no async handler here), so the current thread is the record's. */
    private static String thread(LogRecord record) {
        Thread current = Thread.currentThread();
        if (current.threadId() != record.getLongThreadID()) {
            return "thread-" + record.getLongThreadID();
        }
        String name = current.getName();
        // Helidon's request threads are virtual and nameless.
        return name.isEmpty() ? (current.isVirtual() ? "virtual-" : "thread-") + current.threadId() : name;
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(text)) {
            thrown.printStackTrace(writer);
        }
        String trace = text.toString();
        return trace.endsWith("\n") ? trace.substring(0, trace.length() - 1) : trace;
    }

    private static void optional(StringBuilder out, String name, String value) {
        if (value != null) {
            field(out, name, value);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        string(out, value);
    }

    /**
     * Appends a JSON string: quotes, backslashes and control characters escaped, and everything outside printable
     * ASCII as {@code \\uXXXX} (a surrogate pair as two escapes, as JSON has it).
     */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
