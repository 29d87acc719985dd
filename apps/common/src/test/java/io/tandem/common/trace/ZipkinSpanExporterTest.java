package io.tandem.common.trace;

import java.io.StringReader;
import java.util.List;

import io.helidon.config.Config;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Spans as Zipkin's v2 JSON: what the UI and {@code ./tandem trace} read. */
class ZipkinSpanExporterTest {
    @Test
    void writesZipkinV2Json() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Tracing tracing = Tracing.install("cluster-a", spans, 1.0, Config.empty());
        try {
            Span parent = Traces.tracer().spanBuilder("POST /v1/orders").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                Traces.tagOrder("06YQKW4RA0800-A");
                try {
                    Traces.client("db-orders", "SELECT db-orders", () -> {
                        throw new IllegalStateException("down");
                    });
                } catch (IllegalStateException expected) {
                    // the span records it
                }
            } finally {
                parent.end();
            }
            tracing.flush();
            List<SpanData> finished = spans.getFinishedSpanItems();
            JsonArray json = Jsons.JSON.createReader(new StringReader(ZipkinSpanExporter.json(finished, "cluster-a"))).readArray();
            assertThat(json.size(), is(2));
            JsonObject client = json.getJsonObject(0);
            JsonObject server = json.getJsonObject(1);

            assertThat(server.getString("kind"), is("SERVER"));
            assertThat(server.getString("traceId").length(), is(32));
            assertThat(server.containsKey("parentId"), is(false));
            assertThat(server.getJsonObject("localEndpoint").getString("serviceName"), is("cluster-a"));
            assertThat(server.getJsonObject("tags").getString("order.number"), is("06YQKW4RA0800-A"));
            SpanData serverData = finished.get(1);
            assertThat(server.getJsonNumber("timestamp").longValue(), is(serverData.getStartEpochNanos() / 1000));

            assertThat(client.getString("kind"), is("CLIENT"));
            assertThat(client.getString("parentId"), is(server.getString("id")));
            assertThat(client.getString("traceId"), is(server.getString("traceId")));
            assertThat(client.getJsonObject("remoteEndpoint").getString("serviceName"), is("db-orders"));
            assertThat(client.getJsonObject("tags").getString("error"), is("IllegalStateException"));
            assertThat(client.getJsonArray("annotations").getJsonObject(0).getString("value"), is("exception"));
            assertThat(finished.get(0).getStatus().getStatusCode(), is(StatusCode.ERROR));
        } finally {
            tracing.close();
        }
    }
}
