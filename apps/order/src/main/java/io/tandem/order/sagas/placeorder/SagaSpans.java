package io.tandem.order.sagas.placeorder;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

import io.tandem.common.trace.Traces;
import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderTrace;

/**
 * One span per saga step (and per compensation), a child of the trace context stored with the order
 * ({@link OrderTrace}): a step run seconds later by the worker, after a retry, or on another node of the cluster
 * joins the trace of the request that placed the order. Tagged with the order number, so Zipkin finds the trace by it.
 */
final class SagaSpans {
    static final AttributeKey<String> FROM_STATUS = AttributeKey.stringKey("order.status");

    private SagaSpans() {
    }

    /** A started span for {@code step} of the order (not current yet); OpenTelemetry's invalid span when tracing is off. */
    static Span start(String step, OrderRecord order) {
        if (!Traces.enabled()) {
            return Span.getInvalid();
        }
        return Traces.tracer().spanBuilder("saga " + step)
                .setParent(Traces.parent(OrderTrace.of(order.requestJson())))
                .setAttribute(Traces.ORDER_NUMBER, order.orderNumber())
                .setAttribute(FROM_STATUS, order.status().name())
                .startSpan();
    }
}
