package io.tandem.order.outbox;

import java.nio.charset.StandardCharsets;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

import io.tandem.common.trace.Traces;

import org.apache.kafka.common.header.Headers;

/**
 * The relay's span for one outbox row: a producer span, child of the trace context stored with the row (the saga
 * step that confirmed the order), ended when Kafka acknowledges the record. Its own context goes in the record's
 * {@code traceparent} header (W3C), where the consumer (apps/notifier) picks it up. A row without a stored context
 * (tracing off when it was written) gets no span: the relay's polls never start traces of their own.
 */
final class RelaySpans {
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");

    private RelaySpans() {
    }

    /** Starts the row's span and writes its context into {@code headers}; the invalid span when there is none. */
    static Span publish(String topic, String key, String traceparent, Headers headers) {
        if (!Traces.enabled() || traceparent == null) {
            return Span.getInvalid();
        }
        Span span = Traces.tracer().spanBuilder("publish " + topic)
                .setParent(Traces.parent(traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(Traces.PEER, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(Traces.ORDER_NUMBER, key)
                .startSpan();
        String context = Traces.traceparent(span);
        if (context != null) {
            headers.remove(Traces.TRACEPARENT);
            headers.add(Traces.TRACEPARENT, context.getBytes(StandardCharsets.US_ASCII));
        }
        return span;
    }

    /** Ends the span once Kafka answered (acknowledged, or failed with {@code error}). */
    static void end(Span span, Exception error) {
        if (error != null) {
            Traces.failed(span, error);
        }
        span.end();
    }
}
