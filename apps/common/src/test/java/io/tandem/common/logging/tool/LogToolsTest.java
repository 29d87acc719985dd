package io.tandem.common.logging.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.tandem.common.logging.JsonLogFormatter;
import io.tandem.common.logging.LogContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The log check and the order search, on log files written by the real formatter. */
class LogToolsTest {
    private static final String ORDER = "0MXYZ12345678-A";
    private static final String OTHER = "0MXYZ99999999-B";
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @TempDir
    Path logs;

    @Test
    void aLineIsAJsonLogLineOnlyWhenItIsExactlyOneObjectWithTheCoreFields() {
        String good = line("09:00:00.000", "hello", null, null);
        assertThat(LogLine.parse(good.strip()).isPresent(), is(true));
        String[] bad = {
                "",
                "Catalog up at http://127.0.0.1:8301",
                "2026.12.01 09:22:49.838 Logging at runtime configured",
                "\tat io.tandem.Foo.bar(Foo.java:1)",
                "[1,2]",
                "\"text\"",
                "{\"time\":\"t\",\"level\":\"INFO\"}",
                "{\"time\":\"t\",\"level\":\"INFO\",\"message\":1}",
                good.strip() + good.strip(),
                good.strip() + " trailing",
                good.strip().substring(0, 40),
        };
        for (String line : bad) {
            assertThat(line, LogLine.parse(line).isPresent(), is(false));
        }
    }

    @Test
    void theCheckPassesJsonLogsFailsAnyOtherLineAndSkipsThirdPartyLogs() throws IOException {
        write("cluster-a.log", line("09:00:00.000", "up", null, null), line("09:00:01.000", "multi\nline \"msg\"", null, null));
        write("proxy.log", line("09:00:00.500", "up", null, null), "Tandem proxy up at http://127.0.0.1:8080\n",
                line("09:00:02.000", "fine", null, null));
        // third-party processes and step output: their own formats, not checked
        write("db-a.log", "2026-12-01  9:00:00 0 [Note] mariadbd: ready\n");
        write("kafka.log", "[2026-12-01 09:00:00,000] INFO starting\n");
        write("test-maven.log", "[INFO] BUILD SUCCESS\n");
        write("db-a.install.log", "Installing MariaDB\n");

        List<Path> ours = RunLogs.ours(logs, List.of());
        assertThat(ours.stream().map(RunLogs::process).toList(), contains("cluster-a", "proxy"));

        LogCheck.Result cluster = LogCheck.check(logs.resolve("cluster-a.log"), 5);
        assertThat(cluster.passed(), is(true));
        assertThat(cluster.lines(), is(2L));

        LogCheck.Result proxy = LogCheck.check(logs.resolve("proxy.log"), 5);
        assertThat(proxy.passed(), is(false));
        assertThat(proxy.bad(), is(1L));
        assertThat(proxy.examples(), contains("line 2: Tandem proxy up at http://127.0.0.1:8080"));
        assertThat(proxy.report(), startsWith("FAIL  proxy.log: 1 of 3 lines"));

        assertThat(RunLogs.ours(logs, List.of("proxy*")).stream().map(RunLogs::process).toList(), contains("cluster-a"));
        assertThat(LogsTool.run(new String[] {"check", logs.toString()}), is(1));
        assertThat(LogsTool.run(new String[] {"check", logs.toString(), "--ignore", "proxy.log"}), is(0));
    }

    @Test
    void anOrdersLinesComeFromEveryLogByItsNumberItsRequestAndItsTraceInTimeOrder() throws IOException {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        write("proxy.log",
                line("09:00:00.100", "forwarding POST /v1/orders to a", "rq-7", null),
                line("09:00:00.150", "another request", "rq-8", null));
        write("cluster-a.log",
                line("09:00:00.120", "cart read", "rq-7", null),
                line("09:00:00.130", "order placed: CREATED", "rq-7", ORDER),
                lineWithTrace("09:00:00.400", "step price done: PRICED (12 ms)", ORDER, trace),
                line("09:00:00.450", "step price done: PRICED (9 ms)", null, OTHER),
                line("09:00:00.500", "db-scheduler: task place-order-a, id " + ORDER + " rescheduled", null, null));
        write("stock.log",
                lineWithTrace("09:00:00.390", "reserve by the order's trace", null, trace),
                line("09:00:00.395", "unrelated", null, null));
        write("notifier.log", line("09:00:01.000", "notified", null, ORDER));

        List<OrderLogs.Entry> found = OrderLogs.find(RunLogs.ours(logs, List.of()), ORDER);
        assertThat(found.stream().map(e -> e.process() + ": " + e.line().message()).toList(), contains(
                "proxy: forwarding POST /v1/orders to a",
                "cluster-a: cart read",
                "cluster-a: order placed: CREATED",
                "stock: reserve by the order's trace",
                "cluster-a: step price done: PRICED (12 ms)",
                "cluster-a: db-scheduler: task place-order-a, id " + ORDER + " rescheduled",
                "notifier: notified"));

        List<String> shown = OrderLogs.render(found);
        assertThat(shown, hasSize(7));
        assertThat(shown.get(0), is("2026-12-01 09:00:00.100  proxy      INFO   forwarding POST /v1/orders to a"));
        assertThat(LogsTool.run(new String[] {"order", "0NOSUCHORDER0-A", logs.toString()}), is(1));
        assertThat(LogsTool.run(new String[] {"order", ORDER, logs.toString()}), is(0));
    }

    @Test
    void aMultiLineMessageAndAStackAreShownIndentedUnderTheirLine() throws IOException {
        LogRecord record = new LogRecord(Level.SEVERE, "first\nsecond");
        record.setLoggerName("x");
        record.setInstant(java.time.Instant.parse("2026-12-01T09:00:00.000Z"));
        record.setThrown(new IllegalStateException("boom"));
        String text;
        try (LogContext.Scope scope = LogContext.withOrderNumber(ORDER)) {
            text = formatter.format(record);
        }
        write("cluster-b.log", text);
        List<String> shown = OrderLogs.render(OrderLogs.find(RunLogs.ours(logs, List.of()), ORDER));
        assertThat(shown.get(0), is("2026-12-01 09:00:00.000  cluster-b  ERROR  first"));
        assertThat(shown.get(1), is(" ".repeat("2026-12-01 09:00:00.000  cluster-b  ERROR  ".length()) + "second"));
        assertThat(shown.get(2), containsString("java.lang.IllegalStateException: boom"));
        assertThat(shown.get(shown.size() - 1), containsString("more lines"));
    }

    private void write(String name, String... lines) throws IOException {
        Files.writeString(logs.resolve(name), String.join("", lines), StandardCharsets.UTF_8);
    }

    private String line(String time, String message, String requestId, String orderNumber) {
        return lineWithTrace(time, message, orderNumber, null, requestId);
    }

    private String lineWithTrace(String time, String message, String orderNumber, String traceId) {
        return lineWithTrace(time, message, orderNumber, traceId, null);
    }

    /** A line as the formatter writes it; a trace id is added by hand (no span needed for the search). */
    private String lineWithTrace(String time, String message, String orderNumber, String traceId, String requestId) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("io.tandem.test");
        record.setInstant(java.time.Instant.parse("2026-12-01T" + time + "Z"));
        String text;
        try (LogContext.Scope request = LogContext.withRequestId(requestId);
             LogContext.Scope order = LogContext.withOrderNumber(orderNumber)) {
            text = formatter.format(record);
        }
        return traceId == null ? text : text.replace("\"thread\":", "\"trace_id\":\"" + traceId + "\",\"thread\":");
    }
}
