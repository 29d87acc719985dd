package io.tandem.common.trace;

import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import io.tandem.common.api.Api;
import io.tandem.common.api.Reply;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * One request's trace through a real Helidon server: the caller's trace is continued, the route names the span,
 * an outgoing WebClient call carries the context to the next server (its span is the client span's child), a store
 * call inside the trace gets its span, and nothing is made outside a trace.
 */
@ServerTest
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static Tracing tracing;
    private static volatile WebClient self;

    private final Http1Client client;

    TracingTest(Http1Client client, WebServer server) {
        this.client = client;
        self = WebClient.builder().baseUri("http://localhost:" + server.port())
                .addService(ClientSpans.to("downstream")).build();
    }

    @BeforeAll
    static void tracingOn() {
        tracing = Tracing.install("test-service", SPANS, 1.0, Config.empty());
    }

    @AfterAll
    static void tracingOff() {
        tracing.close();
    }

    @BeforeEach
    void clear() {
        tracing.flush();
        SPANS.reset();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TracingFilter.service().register(routing);
        Api api = Api.builder("test").build();
        routing.register(rules -> {
            api.get(rules, "/v1/things/{id}", req -> {
                String answer = self.get("/v1/downstream").requestEntity(String.class);
                String stored = Traces.client("redis", "GET thing", () -> "stored");
                return Reply.ok(Json.createObjectBuilder().add("downstream", answer).add("store", stored).build());
            });
            api.get(rules, "/v1/downstream", req -> Reply.ok(Json.createObjectBuilder().add("ok", true).build()));
        });
    }

    @Test
    void continuesTheCallersTraceThroughEveryHop() {
        String body = client.get("/v1/things/42")
                .header(HeaderNames.create("traceparent"), "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .requestEntity(String.class);
        assertThat(body.contains("stored"), is(true));
        List<SpanData> spans = finished(4);

        SpanData server = named(spans, "GET /v1/things/{id}");
        assertThat(server.getKind(), is(SpanKind.SERVER));
        assertThat(server.getParentSpanId(), is(CALLER_SPAN));
        SpanData call = named(spans, "GET downstream /v1/downstream");
        assertThat(call.getKind(), is(SpanKind.CLIENT));
        assertThat(call.getParentSpanId(), is(server.getSpanId()));
        assertThat(call.getAttributes().get(Traces.PEER), is("downstream"));
        // the callee's server span is the client span's child: the context went over the wire as traceparent
        SpanData callee = named(spans, "GET /v1/downstream");
        assertThat(callee.getParentSpanId(), is(call.getSpanId()));
        SpanData store = named(spans, "GET thing");
        assertThat(store.getParentSpanId(), is(server.getSpanId()));
        assertThat(store.getAttributes().get(Traces.PEER), is("redis"));
        spans.forEach(s -> assertThat(s.getName(), s.getTraceId(), is(TRACE_ID)));
    }

    @Test
    void aRequestWithoutContextStartsATrace() {
        client.get("/v1/downstream").requestEntity(String.class);
        SpanData server = named(finished(1), "GET /v1/downstream");
        assertThat(server.getParentSpanContext().isValid(), is(false));
        assertThat(server.getTraceId(), is(not(TRACE_ID)));
    }

    @Test
    void storeCallsOutsideATraceMakeNoSpan() {
        assertThat(Traces.client("redis", "GET alone", () -> "x"), is("x"));
        assertThat(Traces.traceparent(), is(nullValue()));
        tracing.flush();
        assertThat(SPANS.getFinishedSpanItems().size(), is(0));
    }

    @Test
    void aStoredTraceparentComesBackAsTheParent() {
        String traceparent = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
        var span = Traces.tracer().spanBuilder("later").setParent(Traces.parent(traceparent)).startSpan();
        try (var ignored = span.makeCurrent()) {
            assertThat(Traces.traceparent(), is("00-" + TRACE_ID + "-" + span.getSpanContext().getSpanId() + "-01"));
        } finally {
            span.end();
        }
        assertThat(Span.fromContext(Traces.parent(null)).getSpanContext().isValid(), is(false));
        assertThat(Span.fromContext(Traces.parent("garbage")).getSpanContext().isValid(), is(false));
    }

    @Test
    void routesNameSpansWithoutIds() {
        assertThat(TracingFilter.routeOf("/v1/orders/06YQKW4RA0800-A"), is("/v1/orders/{}"));
        assertThat(TracingFilter.routeOf("/v1/orders"), is("/v1/orders"));
        assertThat(TracingFilter.routeOf("/v1/carts/a-3f2b/lines"), is("/v1/carts/{}/lines"));
    }

    /** The spans finished so far, waiting for the server's span (it ends after the answer is sent). */
    private static List<SpanData> finished(int atLeast) {
        long deadline = System.currentTimeMillis() + 5000;
        List<SpanData> spans = List.of();
        while (System.currentTimeMillis() < deadline) {
            tracing.flush();
            spans = SPANS.getFinishedSpanItems();
            if (spans.size() >= atLeast) {
                return spans;
            }
            sleep();
        }
        throw new AssertionError("expected " + atLeast + " spans, got " + spans);
    }

    private static SpanData named(List<SpanData> spans, String name) {
        Optional<SpanData> span = spans.stream().filter(s -> s.getName().equals(name)).findFirst();
        return span.orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(SpanData::getName).toList()));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
