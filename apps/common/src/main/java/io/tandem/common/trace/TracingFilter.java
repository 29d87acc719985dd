package io.tandem.common.trace;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One server span per request, current while the request is handled, so every store call and outgoing call of the
 * handler is its child. A service continues the caller's trace ({@code traceparent}); the edge (the proxy) starts
 * a new one ({@link #edge()}): a shop client can neither join another trace nor force sampling. Health and
 * metrics ({@code /observe/...}: probes and scrapes every few seconds) are not traced. The span is named
 * {@code METHOD path} with id-like segments replaced ({@link #routeOf}); the house {@code Api} renames it with
 * the route's own template.
 */
public final class TracingFilter implements Filter {
    public static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");
    private static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            java.util.List<String> names = new java.util.ArrayList<>();
            carrier.forEach(header -> names.add(header.name()));
            return names;
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : carrier.first(HeaderNames.create(key)).orElse(null);
        }
    };

    private final boolean continueCaller;

    private TracingFilter(boolean continueCaller) {
        this.continueCaller = continueCaller;
    }

    /** For a service behind the proxy or called by another service: continues the caller's trace. */
    public static TracingFilter service() {
        return new TracingFilter(true);
    }

    /** For the edge: every request starts a trace of its own. */
    public static TracingFilter edge() {
        return new TracingFilter(false);
    }

    /** Adds the filter to a routing, before the routing's other filters when called first. */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter(this);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!Traces.enabled() || req.path().path().startsWith("/observe/")) {
            chain.proceed();
            return;
        }
        Context parent = continueCaller ? Traces.propagator().extract(Context.root(), req.headers(), HEADERS) : Context.root();
        String method = req.prologue().method().text();
        Span span = Traces.tracer().spanBuilder(method + " " + routeOf(req.path().path()))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        if (!span.isRecording()) {
            // not sampled: still current, so the hops below see the decision and skip their spans too
            try (Scope ignored = span.makeCurrent()) {
                chain.proceed();
            }
            return;
        }
        req.headers().first(X_REQUEST_ID).ifPresent(id -> span.setAttribute(REQUEST_ID, id));
        try (Scope ignored = span.makeCurrent()) {
            chain.proceed();
            int status = res.status().code();
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR, "status " + status);
            }
        } catch (RuntimeException | Error e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Renames the current server span with its route template (the house {@code Api} calls it). */
    public static void route(String method, String route) {
        if (Traces.enabled()) {
            Span.current().updateName(method + " " + route);
        }
    }

    /**
     * A path with its id-like segments (any digit, or longer than 24 characters) as {@code {}}: span names stay few
     * ({@code /v1/orders/{}} rather than one name per order).
     */
    static String routeOf(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (idLike(segments[i])) {
                segments[i] = "{}";
            }
        }
        return String.join("/", segments);
    }

    private static boolean idLike(String segment) {
        if (segment.length() > 24) {
            return true;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (Character.isDigit(segment.charAt(i))) {
                return !segment.matches("v\\d+");
            }
        }
        return false;
    }
}
