package io.tandem.common.trace;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The process's tracer and the few things every hop does with it: a span around a store call, the current context
 * as a W3C {@code traceparent} (stored with an order, put in a Kafka record) and back. Until {@link Tracing#install}
 * runs (unit tests, tracing off) everything here is OpenTelemetry's no-op: no span is made, nothing is exported.
 * Static, because a store call deep in a service must not need a tracer passed through every constructor.
 */
public final class Traces {
    /** The tag of the spans that work for an order: {@code ./tandem trace} finds the order's trace by it in Zipkin. */
    public static final AttributeKey<String> ORDER_NUMBER = AttributeKey.stringKey("order.number");
    /** What Zipkin shows as the remote side of a client span: a store role, a downstream, a topic. */
    public static final AttributeKey<String> PEER = AttributeKey.stringKey("peer.service");
    public static final String TRACEPARENT = "traceparent";
    static final String SCOPE = "io.tandem";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private static volatile Tracer tracer = TracerProvider.noop().get(SCOPE);
    private static volatile boolean enabled;

    private Traces() {
    }

    static void use(TracerProvider provider, boolean on) {
        tracer = provider.get(SCOPE);
        enabled = on;
    }

    public static Tracer tracer() {
        return tracer;
    }

    /** Whether spans are made at all: when false, callers skip even building a span's name. */
    public static boolean enabled() {
        return enabled;
    }

    public static TextMapPropagator propagator() {
        return W3C;
    }

    /** Whether the current thread works for a sampled trace: store spans are made only then (no root span per poll). */
    public static boolean inTrace() {
        return enabled && Span.current().getSpanContext().isSampled();
    }

    /** The current span as a W3C {@code traceparent}, or null when there is none (tracing off, or outside a trace). */
    public static String traceparent() {
        return traceparent(Span.current());
    }

    /** A span as a W3C {@code traceparent}, or null when it is not valid (tracing off). */
    public static String traceparent(Span of) {
        SpanContext span = of.getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The context a stored {@code traceparent} names, as the parent of a later span; the root when null or bad. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, ONE_VALUE);
    }

    /** Tags the current span with the order it works for (a no-op outside a trace). */
    public static void tagOrder(String orderNumber) {
        if (enabled && orderNumber != null) {
            Span.current().setAttribute(ORDER_NUMBER, orderNumber);
        }
    }

    /** {@link #client(String, String, Supplier)} for a call that answers nothing. */
    public static void client(String peer, String operation, Runnable call) {
        client(peer, operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a call to another process (Redis, a JDBC transaction, a cluster) in a client span named {@code operation},
     * remote side {@code peer} — only inside a sampled trace; otherwise just runs it.
     */
    public static <T> T client(String peer, String operation, Supplier<T> call) {
        if (!inTrace()) {
            return call.get();
        }
        Span span = tracer.spanBuilder(operation).setSpanKind(SpanKind.CLIENT).setAttribute(PEER, peer).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Runs an outgoing call that is not a Helidon WebClient's (the JDK's HTTP client) in a client span named
     * {@code operation}, remote side {@code peer}; {@code header} receives the {@code traceparent} to send.
     * Outside a sampled trace it just runs the call.
     */
    public static <T> T call(String peer, String operation, BiConsumer<String, String> header, Supplier<T> call) {
        if (!inTrace()) {
            return call.get();
        }
        Span span = tracer.spanBuilder(operation).setSpanKind(SpanKind.CLIENT).setAttribute(PEER, peer).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            W3C.inject(Context.current(), header, (carrier, key, value) -> carrier.accept(key, value));
            return call.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks a span failed by a throwable (its type and message: never a request body). */
    public static void failed(Span span, Throwable e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        span.recordException(e);
    }
}
