package io.tandem.common.trace;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/**
 * A Helidon DbClient service: each statement run inside a trace gets a client span, remote side the store's role
 * ({@code db-orders}, {@code db-reads}, ...), with its SQL text (placeholders only: never a bound value). The span
 * ends when the statement has run. Outside a trace (readiness probes, the outbox relay's polls) it adds nothing.
 */
public final class DbSpans implements DbClientService {
    public static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("db.statement");
    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system");
    /** Longer SQL is cut: a span is for finding the statement, not for keeping it. */
    static final int MAX_STATEMENT = 300;

    private final String peer;

    private DbSpans(String peer) {
        this.peer = peer;
    }

    /** @param peer the store's name in traces, e.g. {@code db-orders} */
    public static DbSpans of(String peer) {
        return new DbSpans(peer);
    }

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        if (!Traces.inTrace()) {
            return context;
        }
        String sql = context.statement();
        Span span = Traces.tracer().spanBuilder(verb(sql) + " " + peer)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(Traces.PEER, peer)
                .setAttribute(SYSTEM, "mariadb")
                .setAttribute(STATEMENT, sql.length() > MAX_STATEMENT ? sql.substring(0, MAX_STATEMENT) : sql)
                .startSpan();
        context.statementFuture().whenComplete((done, error) -> {
            if (error != null) {
                Traces.failed(span, error);
            }
            span.end();
        });
        return context;
    }

    /** The statement's first word (SELECT, INSERT, ...). */
    static String verb(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : trimmed.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }
}
