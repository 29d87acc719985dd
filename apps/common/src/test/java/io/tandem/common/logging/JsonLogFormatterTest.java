package io.tandem.common.logging;

import java.io.StringReader;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Each line one JSON object, every field where it belongs, context fields only when there is context. */
class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @AfterEach
    void noContextLeft() {
        LogContext.cluster(null);
        LogRedaction.clearSecrets();
    }

    @Test
    void aPlainRecordHasTheCoreFieldsAndNoContext() {
        LogRecord record = record(Level.INFO, "order service up");
        record.setInstant(Instant.parse("2026-12-01T09:22:49.800Z"));
        String line = formatter.format(record);

        assertThat(line, endsWith("}\n"));
        assertThat(line.indexOf('\n'), is(line.length() - 1));
        JsonObject json = parse(line);
        // fixed width with milliseconds, even when they end in zeros: text order is time order
        assertThat(json.getString("time"), is("2026-12-01T09:22:49.800Z"));
        assertThat(json.getString("level"), is("INFO"));
        assertThat(json.getString("logger"), is("io.tandem.test.Logger"));
        assertThat(json.getString("message"), is("order service up"));
        assertThat(json.getString("thread"), is(Thread.currentThread().getName()));
        for (String absent : new String[] {"cluster", "trace_id", "span_id", "request_id", "order_number", "exception"}) {
            assertThat(absent, json.containsKey(absent), is(false));
        }
        // the fields in the documented order
        assertThat(line, startsWith("{\"time\":"));
        assertThat(line.indexOf("\"level\"") < line.indexOf("\"logger\"")
                && line.indexOf("\"logger\"") < line.indexOf("\"message\""), is(true));
    }

    @Test
    void levelsHaveTheNamesLogToolsKnow() {
        assertThat(parse(formatter.format(record(Level.SEVERE, "x"))).getString("level"), is("ERROR"));
        assertThat(parse(formatter.format(record(Level.WARNING, "x"))).getString("level"), is("WARN"));
        assertThat(parse(formatter.format(record(Level.CONFIG, "x"))).getString("level"), is("DEBUG"));
        assertThat(parse(formatter.format(record(Level.FINE, "x"))).getString("level"), is("DEBUG"));
        assertThat(parse(formatter.format(record(Level.FINEST, "x"))).getString("level"), is("TRACE"));
    }

    @Test
    void quotesLineBreaksControlAndNonAsciiCharactersStayInOneValidLine() {
        String nasty = "he said \"no\"\nthen \\left\r\tand\u0001 \u00e9t\u00e9 \u2028 \uD83D\uDE00 {\"json\":\"inside\"}";
        String line = formatter.format(record(Level.WARNING, nasty));

        assertThat(line.indexOf('\n'), is(line.length() - 1));
        assertThat(line.indexOf('\r'), is(-1));
        // printable ASCII only: valid JSON whatever the console's charset
        assertThat(line.chars().allMatch(c -> c == '\n' || c >= 0x20 && c <= 0x7e), is(true));
        assertThat(parse(line).getString("message"), is(nasty));
    }

    @Test
    void anExceptionIsItsStackAsOneStringAndTheLineStaysValid() {
        IllegalStateException cause = new IllegalStateException("inner \"quoted\"\nsecond line");
        RuntimeException thrown = new RuntimeException("outer", cause);
        LogRecord record = record(Level.SEVERE, "step failed");
        record.setThrown(thrown);
        String line = formatter.format(record);

        assertThat(line.indexOf('\n'), is(line.length() - 1));
        String exception = parse(line).getString("exception");
        assertThat(exception, startsWith("java.lang.RuntimeException: outer\n\tat "));
        assertThat(exception, containsString("Caused by: java.lang.IllegalStateException: inner \"quoted\"\nsecond line"));
        assertThat(exception, containsString(JsonLogFormatterTest.class.getName()));
        assertThat(exception, not(endsWith("\n")));
    }

    @Test
    void contextFieldsAppearOnlyWhileSet() {
        LogContext.cluster("a");
        String line;
        try (LogContext.Scope request = LogContext.withRequestId("rq-42");
             LogContext.Scope order = LogContext.withOrderNumber("0MXYZ12345678-A")) {
            line = formatter.format(record(Level.INFO, "step pay done: PAID"));
        }
        JsonObject json = parse(line);
        assertThat(json.getString("cluster"), is("A"));
        assertThat(json.getString("request_id"), is("rq-42"));
        assertThat(json.getString("order_number"), is("0MXYZ12345678-A"));

        JsonObject after = parse(formatter.format(record(Level.INFO, "later")));
        assertThat(after.containsKey("request_id"), is(false));
        assertThat(after.containsKey("order_number"), is(false));
        assertThat(after.getString("cluster"), is("A"));
    }

    @Test
    void traceAndSpanIdsComeFromTheCurrentSpanOnlyWhenItIsValid() {
        // No SDK installed: the current span is the invalid one, and nothing is printed.
        assertThat(parse(formatter.format(record(Level.INFO, "no trace"))).containsKey("trace_id"), is(false));

        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String spanId = "b7ad6b7169203331";
        Span span = Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
        JsonObject json;
        try (Scope scope = span.makeCurrent()) {
            json = parse(formatter.format(record(Level.INFO, "in a span")));
        }
        assertThat(json.getString("trace_id"), is(traceId));
        assertThat(json.getString("span_id"), is(spanId));
        assertThat(parse(formatter.format(record(Level.INFO, "after"))).containsKey("span_id"), is(false));
    }

    @Test
    void parametersAreFormattedAndSecretsMaskedInMessagesAndStacks() {
        LogRedaction.addSecrets(java.util.List.of("s3cr3t-admin-token"));
        LogRecord record = record(Level.INFO, "Unknown variant {0} of {1}");
        record.setParameters(new Object[] {"x", "cluster_routing"});
        assertThat(parse(formatter.format(record)).getString("message"), is("Unknown variant x of cluster_routing"));

        LogRecord leaky = record(Level.WARNING, "calling with Bearer s3cr3t-admin-token");
        leaky.setThrown(new IllegalArgumentException("bad card tok_visa for jdbc:mysql://h/db?user=u&password=hunter22"));
        String line = formatter.format(leaky);
        assertThat(line, not(containsString("s3cr3t-admin-token")));
        assertThat(line, not(containsString("tok_visa")));
        assertThat(line, not(containsString("hunter22")));
        assertThat(parse(line).getString("exception"), containsString("password=***"));
    }

    @Test
    void aVirtualThreadWithoutANameIsNamedByItsId() throws InterruptedException {
        String[] line = new String[1];
        Thread thread = Thread.ofVirtual().unstarted(() -> line[0] = formatter.format(record(Level.INFO, "on a virtual thread")));
        thread.start();
        thread.join();
        assertThat(parse(line[0]).getString("thread"), is("virtual-" + thread.threadId()));
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.tandem.test.Logger");
        return record;
    }

    /** Exactly one JSON object, nothing after it. */
    static JsonObject parse(String line) {
        try (JsonParser parser = Jsons.JSON.createParser(new StringReader(line))) {
            assertThat(parser.next(), is(JsonParser.Event.START_OBJECT));
            JsonObject json = parser.getObject();
            assertThat("nothing after the object", parser.hasNext(), is(false));
            return json;
        }
    }
}
