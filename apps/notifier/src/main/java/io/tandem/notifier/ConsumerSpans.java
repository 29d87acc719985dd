package io.tandem.notifier;

import java.nio.charset.StandardCharsets;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;

import io.tandem.common.trace.Traces;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A consumer span per record, a child of the relay's producer span through the record's {@code traceparent}
 * header (W3C), current while the record is handled: the notification's database statements are its children,
 * and the order's trace ends here. A record without the header (tracing off at the relay) gets no span.
 */
final class ConsumerSpans {
    private ConsumerSpans() {
    }

    /** Runs {@code handle} for the record inside its span. */
    static void handle(ConsumerRecord<String, String> record, Runnable handle) {
        Header header = Traces.enabled() ? record.headers().lastHeader(Traces.TRACEPARENT) : null;
        if (header == null) {
            handle.run();
            return;
        }
        Span span = Traces.tracer().spanBuilder("process " + record.topic())
                .setParent(Traces.parent(new String(header.value(), StandardCharsets.US_ASCII)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(Traces.PEER, "kafka")
                .setAttribute(Traces.ORDER_NUMBER, record.key())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            handle.run();
        } catch (RuntimeException | Error e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }
}
