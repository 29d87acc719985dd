package io.tandem.common.trace;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.helidon.common.config.Config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Turns tracing on for a process from its {@code tracing} config node, with the OpenTelemetry SDK and manual spans
 * (apps/common README, "Traces", says why not the Java agent or Helidon's own provider):
 * <pre>
 * tracing:
 *   enabled: true                # false, or no endpoint: OpenTelemetry's no-op, nothing made or sent
 *   endpoint: http://127.0.0.1:19411/api/v2/spans   # Zipkin's v2 JSON collector (envs/local sets it)
 *   sampler-ratio: 1.0           # share of new traces kept; a continued trace follows its parent's decision
 *   export:
 *     delay: PT1S                # a batch leaves at least this often
 *     max-batch: 512             # spans a request to Zipkin
 *     max-queue: 2048            # spans waiting; more are dropped (counted by the SDK), never block a request
 *     timeout: PT5S              # one export's deadline
 * </pre>
 */
public final class Tracing implements AutoCloseable {
    public static final double DEFAULT_SAMPLER_RATIO = 1.0;
    public static final Duration DEFAULT_EXPORT_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_BATCH = 512;
    public static final int DEFAULT_MAX_QUEUE = 2048;
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final SdkTracerProvider provider;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /**
     * Installs the process's tracer ({@link Traces}) from config; answers what flushes and stops it (register it
     * with the process's lifecycle, last to stop). Off: the no-op stays, and so does the cost of one.
     *
     * @param config      the root config
     * @param serviceName what Zipkin calls this process ({@code tracing.service-name} overrides it)
     */
    public static Tracing install(Config config, String serviceName) {
        Config tracing = config.get("tracing");
        String endpoint = tracing.get("endpoint").asString().orElse("");
        if (!tracing.get("enabled").asBoolean().orElse(true) || endpoint.isBlank()) {
            Traces.use(TracerProvider.noop(), false);
            return new Tracing(null);
        }
        String name = tracing.get("service-name").asString().orElse(serviceName);
        return install(name, new ZipkinSpanExporter(URI.create(endpoint), name,
                        tracing.get("export.timeout").as(Duration.class).orElse(DEFAULT_EXPORT_TIMEOUT)),
                tracing.get("sampler-ratio").asDouble().orElse(DEFAULT_SAMPLER_RATIO), tracing.get("export"));
    }

    /** Same, with a given exporter (tests: an in-memory one); {@code export} is the {@code tracing.export} node. */
    public static Tracing install(String serviceName, SpanExporter exporter, double ratio, Config export) {
        BatchSpanProcessor batches = BatchSpanProcessor.builder(exporter)
                .setScheduleDelay(export.get("delay").as(Duration.class).orElse(DEFAULT_EXPORT_DELAY))
                .setMaxExportBatchSize(export.get("max-batch").asInt().orElse(DEFAULT_MAX_BATCH))
                .setMaxQueueSize(export.get("max-queue").asInt().orElse(DEFAULT_MAX_QUEUE))
                .setExporterTimeout(export.get("timeout").as(Duration.class).orElse(DEFAULT_EXPORT_TIMEOUT))
                .build();
        // The tracer provider alone (no OpenTelemetrySdk): no metrics or logs SDK loaded for nothing; the context
        // goes between processes through Traces' W3C propagator.
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(SERVICE_NAME, serviceName)))
                // parent-based: a hop continues the decision the trace's root took, so a trace is whole or absent
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(batches)
                .build();
        Traces.use(provider, true);
        return new Tracing(provider);
    }

    /** Sends what is queued now (tests; a stop does it by itself). */
    public void flush() {
        if (provider != null) {
            provider.forceFlush().join(DEFAULT_EXPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is queued, then stops; tracing is a no-op after. */
    @Override
    public void close() {
        if (provider != null) {
            Traces.use(TracerProvider.noop(), false);
            provider.close();
        }
    }
}
