package io.tandem.common.trace;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * Sends finished spans to Zipkin's v2 collector ({@code POST /api/v2/spans}, a JSON array) over the JDK's HTTP
 * client, from the SDK's batch thread. OpenTelemetry deprecated its own Zipkin exporter (it pulls in
 * zipkin-reporter and a sender of its own); Zipkin's v2 JSON is small and stable, and this is all of it that
 * Tandem uses: ids, name, kind, timestamps in microseconds, the process as local endpoint, {@code peer.service} as
 * remote endpoint, attributes as tags, events as annotations, an error status as the {@code error} tag.
 */
final class ZipkinSpanExporter implements SpanExporter {
    private static final System.Logger LOG = System.getLogger(ZipkinSpanExporter.class.getName());

    private final URI endpoint;
    private final String serviceName;
    private final Duration timeout;
    private final HttpClient client;
    private volatile boolean warned;

    ZipkinSpanExporter(URI endpoint, String serviceName, Duration timeout) {
        this.endpoint = endpoint;
        this.serviceName = serviceName;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        String body = json(spans, serviceName);
        CompletableResultCode result = new CompletableResultCode();
        client.sendAsync(HttpRequest.newBuilder(endpoint).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        warned = false;
                        result.succeed();
                        return;
                    }
                    // Zipkin down must not flood the log: one warning until an export works again.
                    if (!warned) {
                        warned = true;
                        LOG.log(Level.WARNING, "Zipkin at " + endpoint + " did not take " + spans.size() + " spans: "
                                + (error != null ? error.toString() : "status " + response.statusCode()));
                    }
                    result.fail();
                });
        return result;
    }

    /** Zipkin v2 JSON of a batch; package-private for the unit test. */
    static String json(Collection<SpanData> spans, String serviceName) {
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        for (SpanData span : spans) {
            array.add(span(span, serviceName));
        }
        return array.build().toString();
    }

    private static JsonObjectBuilder span(SpanData span, String serviceName) {
        long startMicros = TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos());
        JsonObjectBuilder json = Jsons.JSON.createObjectBuilder()
                .add("traceId", span.getTraceId())
                .add("id", span.getSpanId())
                .add("name", span.getName())
                .add("timestamp", startMicros)
                // Zipkin drops a zero duration: a span shorter than a microsecond is shown as one
                .add("duration", Math.max(1, TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos())))
                .add("localEndpoint", Jsons.JSON.createObjectBuilder().add("serviceName", serviceName));
        if (span.getParentSpanContext().isValid()) {
            json.add("parentId", span.getParentSpanId());
        }
        String kind = kind(span.getKind());
        if (kind != null) {
            json.add("kind", kind);
        }
        Attributes attributes = span.getAttributes();
        String peer = attributes.get(Traces.PEER);
        if (peer != null) {
            json.add("remoteEndpoint", Jsons.JSON.createObjectBuilder().add("serviceName", peer));
        }
        JsonObjectBuilder tags = Jsons.JSON.createObjectBuilder();
        attributes.forEach((key, value) -> tags.add(key.getKey(), String.valueOf(value)));
        if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
            String description = span.getStatus().getDescription();
            tags.add("error", description == null || description.isEmpty() ? "true" : description);
        }
        json.add("tags", tags);
        if (!span.getEvents().isEmpty()) {
            JsonArrayBuilder annotations = Jsons.JSON.createArrayBuilder();
            for (EventData event : span.getEvents()) {
                annotations.add(Jsons.JSON.createObjectBuilder()
                        .add("timestamp", TimeUnit.NANOSECONDS.toMicros(event.getEpochNanos()))
                        .add("value", event.getName()));
            }
            json.add("annotations", annotations);
        }
        return json;
    }

    private static String kind(SpanKind kind) {
        return switch (kind) {
            case SERVER -> "SERVER";
            case CLIENT -> "CLIENT";
            case PRODUCER -> "PRODUCER";
            case CONSUMER -> "CONSUMER";
            default -> null; // INTERNAL: Zipkin has no kind for it
        };
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        client.close();
        return CompletableResultCode.ofSuccess();
    }
}
