package io.tandem.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.ProbeErrors;

/**
 * Sends one request to a cluster and its answer back, streaming both bodies through a small buffer (nothing is
 * held whole in memory). Feeds the cluster's passive health: connect failures, timeouts and failure statuses.
 */
final class Forwarder {
    private static final int BUFFER = 16 * 1024;

    private final long maxRequestBytes;
    private final RouteTimeouts timeouts;
    private final Set<Integer> failureStatuses;
    private final ProxyMetrics metrics;

    Forwarder(long maxRequestBytes, RouteTimeouts timeouts, Set<Integer> failureStatuses, ProxyMetrics metrics) {
        this.maxRequestBytes = maxRequestBytes;
        this.timeouts = timeouts;
        this.failureStatuses = failureStatuses;
        this.metrics = metrics;
    }

    void forward(ServerRequest req, ServerResponse res, Cluster cluster, String userId, String requestId, long start) {
        Method method = req.prologue().method();
        String rawPath = req.path().rawPath();
        String rawQuery = req.query().rawValue();
        Duration timeout = timeouts.of(req.path().path());
        Http1ClientRequest out = cluster.client().method(method)
                .uri(URI.create(rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery))
                .skipUriEncoding(true)
                .readTimeout(timeout)
                .headers(h -> {
                    ForwardedHeaders.copyRequest(req.headers(), h);
                    h.set(ForwardedHeaders.X_USER_ID, userId);
                    h.set(ForwardedHeaders.X_REQUEST_ID, requestId);
                    h.set(ForwardedHeaders.X_FORWARDED_FOR, ForwardedHeaders.clientAddress(req.remotePeer().address()));
                    h.set(ForwardedHeaders.X_FORWARDED_PROTO, req.isSecure() ? "https" : "http");
                    h.set(ForwardedHeaders.X_FORWARDED_HOST, req.authority());
                });
        long sent = System.nanoTime();
        Http1ClientResponse in;
        try {
            in = req.content().hasEntity()
                    ? out.outputStream(os -> copyRequestBody(req.content().inputStream(), os))
                    : out.request();
        } catch (RuntimeException e) {
            failedBeforeResponse(res, cluster, e);
            return;
        }
        long answered = System.nanoTime();
        try (in) {
            int status = in.status().code();
            boolean failure = failureStatuses.contains(status);
            cluster.health().passiveResult(!failure, "status " + status);
            if (failure) {
                metrics.upstreamError(cluster, "status");
            }
            res.status(in.status());
            ForwardedHeaders.copyResponse(in.headers(), res.headers());
            metrics.addedLatency((sent - start) + (System.nanoTime() - answered));
            if (method == Method.HEAD || status == 204 || status == 304 || status < 200) {
                res.headers().remove(HeaderNames.CONTENT_LENGTH);
                res.send();
                return;
            }
            boolean streaming = !in.headers().contentLength().isPresent();
            copyResponseBody(in.inputStream(), res.outputStream(), streaming, cluster);
        }
    }

    private void copyRequestBody(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (true) {
            int n;
            try {
                n = from.read(buffer);
            } catch (IOException | UncheckedIOException e) {
                throw new ClientGone(e);
            }
            if (n < 0) {
                break;
            }
            total += n;
            if (total > maxRequestBytes) {
                throw new TooLarge();
            }
            to.write(buffer, 0, n);
        }
        to.close();
    }

    private void copyResponseBody(InputStream from, OutputStream to, boolean streaming, Cluster cluster) {
        byte[] buffer = new byte[BUFFER];
        try (to) {
            while (true) {
                int n;
                try {
                    n = from.read(buffer);
                } catch (IOException | UncheckedIOException e) {
                    metrics.upstreamError(cluster, "broken");
                    cluster.health().passiveResult(false, ProbeErrors.describe(e));
                    throw new UncheckedIOException("Response from " + cluster + " broke off", asIo(e));
                }
                if (n < 0) {
                    break;
                }
                to.write(buffer, 0, n);
                // A body without a length may be a stream of events: pass on what arrived, do not wait to fill.
                if (streaming && from.available() == 0) {
                    to.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void failedBeforeResponse(ServerResponse res, Cluster cluster, RuntimeException e) {
        if (has(e, ClientGone.class)) {
            // Nothing useful can reach a client whose upload broke; the connection is closed after this.
            Errors.send(res, 400, "REQUEST_BODY_INCOMPLETE", "The request body broke off.", "Send the request again.", 0);
            return;
        }
        if (has(e, TooLarge.class)) {
            metrics.request(io.tandem.proxy.routing.Rule.TOO_LARGE, cluster);
            Errors.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413.code(), "REQUEST_TOO_LARGE",
                    "The request body is over " + maxRequestBytes + " bytes.", "Send a smaller body.", 0);
            return;
        }
        String detail = ProbeErrors.describe(e);
        cluster.health().passiveResult(false, detail);
        if (ProbeErrors.timeout(e)) {
            metrics.upstreamError(cluster, "timeout");
            Errors.send(res, 504, "UPSTREAM_TIMEOUT", "Cluster " + cluster.name() + " did not answer in time.",
                    "Retry; if it goes on, start the checkout again.", 0);
        } else {
            metrics.upstreamError(cluster, ProbeErrors.connectFailure(e) ? "connect" : "broken");
            Errors.send(res, 502, "UPSTREAM_UNAVAILABLE", "Cluster " + cluster.name() + " could not be reached ("
                    + detail + ").", "Retry in a moment; if it goes on, start the checkout again.", 0);
        }
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static IOException asIo(Exception e) {
        return e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
    }

    /** The request body ran over the limit while streaming. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    /** The client's side of the request body failed: not the cluster's fault. */
    static final class ClientGone extends IOException {
        ClientGone(Throwable cause) {
            super("client request body broke off", cause);
        }
    }
}
