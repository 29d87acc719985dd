package io.tandem.common.trace;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.spi.WebClientService;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A Helidon WebClient service: each outgoing call inside a trace gets a client span (remote side {@code peer}) and
 * carries it to the callee as {@code traceparent}. Outside a trace (a health probe, a cache refresh) it adds
 * nothing. Add it to a client with {@code WebClient.builder().addService(ClientSpans.to("catalog"))}.
 */
public final class ClientSpans implements WebClientService {
    private final String peer;

    private ClientSpans(String peer) {
        this.peer = peer;
    }

    /** @param peer what Zipkin calls the service called (catalog, offers, stock, psp) */
    public static ClientSpans to(String peer) {
        return new ClientSpans(peer);
    }

    @Override
    public String type() {
        return "tandem-client-spans";
    }

    @Override
    public WebClientServiceResponse handle(Chain chain, WebClientServiceRequest request) {
        if (!Traces.inTrace()) {
            return chain.proceed(request);
        }
        Span span = Traces.tracer().spanBuilder(request.method().text() + " " + peer + " " + TracingFilter.routeOf(request.uri().path().path()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(Traces.PEER, peer)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Traces.propagator().inject(Context.current(), request.headers(),
                    (headers, key, value) -> headers.set(HeaderNames.create(key), value));
            WebClientServiceResponse response = chain.proceed(request);
            int status = response.status().code();
            span.setAttribute(TracingFilter.STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR, "status " + status);
            }
            return response;
        } catch (RuntimeException | Error e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }
}
