package io.tandem.order.domain;

import java.io.StringReader;

import io.tandem.common.api.Jsons;
import io.tandem.common.trace.Traces;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/**
 * An order's trace context, stored with it: the {@code traceparent} of the request that placed it, inside the
 * order's {@code request_json} (no column of its own, nothing for the fingerprint: that is the client's body). Each
 * saga step, run later, after a retry or on another node of the cluster, starts its span as a child of it, so the
 * whole order is one trace.
 */
public final class OrderTrace {
    static final String KEY = Traces.TRACEPARENT;

    private OrderTrace() {
    }

    /** The order's request JSON with the current trace context added (unchanged outside a trace). */
    public static String withCurrent(JsonObject requestJson) {
        String traceparent = Traces.traceparent();
        if (traceparent == null) {
            return requestJson.toString();
        }
        return Jsons.JSON.createObjectBuilder(requestJson).add(KEY, traceparent).build().toString();
    }

    /** The stored trace context, or null (tracing off: not even read; an order placed without one). */
    public static String of(String requestJson) {
        if (!Traces.enabled() || requestJson == null) {
            return null;
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(requestJson))) {
            return reader.readObject().get(KEY) instanceof JsonString s ? s.getString() : null;
        }
    }
}
