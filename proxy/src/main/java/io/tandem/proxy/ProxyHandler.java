package io.tandem.proxy;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.common.logging.LogContext;
import io.tandem.common.trace.Traces;
import io.tandem.proxy.identity.Identity;
import io.tandem.proxy.routing.Refusal;
import io.tandem.proxy.routing.Route;
import io.tandem.proxy.routing.Router;
import io.tandem.proxy.routing.Rule;

/**
 * Every request that is not the proxy's own: check its framing, authenticate, apply the size limit, route, forward.
 */
final class ProxyHandler implements Handler {
    private final Identity identity;
    private final Router router;
    private final Forwarder forwarder;
    private final ProxyMetrics metrics;
    private final long maxRequestBytes;
    private final RequestFraming framing;

    ProxyHandler(Identity identity, Router router, Forwarder forwarder, ProxyMetrics metrics, long maxRequestBytes,
                 RequestFraming framing) {
        this.framing = framing;
        this.identity = identity;
        this.router = router;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        var headers = req.headers();
        Refusal badFraming = framing.check(req.prologue().method().text(), headers);
        if (badFraming != null) {
            // Before anything else, cluster or not: the message's length is in doubt, so is the rest of the connection.
            metrics.request(Rule.BAD_FRAMING, null);
            metrics.clientError(badFraming.status() == 431 ? ProxyMetrics.CLIENT_HEADERS : ProxyMetrics.CLIENT_FRAMING);
            res.header(HeaderValues.CONNECTION_CLOSE);
            Errors.send(res, badFraming);
            return;
        }
        String requestId = ForwardedHeaders.requestId(headers);
        res.header(ForwardedHeaders.X_REQUEST_ID, requestId);
        // Every line the proxy logs for this request names it (request_id), as the cluster's lines for it do.
        try (LogContext.Scope scope = LogContext.withRequestId(requestId)) {
            authenticateAndForward(req, res, requestId, start);
        }
    }

    private void authenticateAndForward(ServerRequest req, ServerResponse res, String requestId, long start) {
        var headers = req.headers();
        Identity.Result who = identity.verify(headers.first(HeaderNames.AUTHORIZATION).orElse(null));
        if (!who.verified()) {
            metrics.request(Rule.UNAUTHENTICATED, null);
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            Errors.send(res, 401, "UNAUTHENTICATED", "No valid bearer token: " + who.error() + ".",
                    "Send Authorization: Bearer <token from the identity provider> (locally: ./tandem token <user>).", 0);
            return;
        }
        if (headers.contentLength().orElse(0) > maxRequestBytes) {
            metrics.request(Rule.TOO_LARGE, null);
            Errors.send(res, 413, "REQUEST_TOO_LARGE", "The request body is over " + maxRequestBytes + " bytes.",
                    "Send a smaller body.", 0);
            return;
        }
        String path = req.path().path();
        if (dotSegment(path)) {
            Errors.send(res, 400, "BAD_PATH", "The path has '.' or '..' segments.", "Send a normalized path.", 0);
            return;
        }
        Route route = router.route(req.prologue().method().text(), path,
                headers.first(ForwardedHeaders.X_SESSION_KEY).orElse(null), who.userId());
        metrics.request(route.rule(), route.cluster());
        if (route.refusal() != null) {
            Errors.send(res, route.refusal());
            return;
        }
        boolean newSession = route.rule() == Rule.NEW_SESSION || route.rule() == Rule.INVALID_KEY;
        String peer = "cluster-" + route.cluster().name();
        // The cluster continues this span's trace: Forwarder sends it as traceparent.
        Traces.client(peer, "forward " + peer, () -> forwarder.forward(req, res, route.cluster(), newSession,
                who.userId(), requestId, start));
    }

    /** Dot segments would let a path look like one route to the proxy and another to the cluster. */
    static boolean dotSegment(String path) {
        int i = path.indexOf("/.");
        while (i >= 0) {
            int end = i + 2;
            if (end < path.length() && path.charAt(end) == '.') {
                end++;
            }
            if (end == path.length() || path.charAt(end) == '/') {
                return true;
            }
            i = path.indexOf("/.", i + 1);
        }
        return false;
    }
}
