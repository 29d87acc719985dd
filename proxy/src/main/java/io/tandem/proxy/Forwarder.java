package io.tandem.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.api.Shedding;
import io.tandem.common.trace.Traces;
import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Instance;
import io.tandem.proxy.cluster.ProbeErrors;
import io.tandem.proxy.routing.Rule;
import io.tandem.proxy.upstream.UpstreamConnection;
import io.tandem.proxy.upstream.UpstreamPool;
import io.tandem.proxy.upstream.UpstreamResponse;

/**
 * Sends one request to a cluster and its answer back, streaming both bodies through a small buffer (nothing is
 * held whole in memory). The request target goes on byte for byte as the client sent it. Feeds the cluster's
 * passive health: connect failures, timeouts, broken streams and failure statuses. A request that fails because of the
 * client (its body broke off, or was not the length it declared) is the client's error: counted apart
 * ({@code tandem.proxy.client.errors}), never against the cluster. A cluster of several instances: each request goes to
 * the next instance in rotation ({@link Cluster#pick}); one that refuses the connection or breaks off is taken out of
 * rotation, a request it refused (nothing sent) goes to another, and the cluster's health hears of it only when no other
 * instance is up.
 */
final class Forwarder {
    private static final int BUFFER = 16 * 1024;
    private static final System.Logger LOGGER = System.getLogger(Forwarder.class.getName());

    private final long maxRequestBytes;
    private final RouteTimeouts timeouts;
    private final Set<Integer> failureStatuses;
    private final ProxyMetrics metrics;
    private final IdentityAssertions assertions;

    Forwarder(long maxRequestBytes, RouteTimeouts timeouts, Set<Integer> failureStatuses, ProxyMetrics metrics,
              IdentityAssertions assertions) {
        this.assertions = assertions;
        this.maxRequestBytes = maxRequestBytes;
        this.timeouts = timeouts;
        this.failureStatuses = failureStatuses;
        this.metrics = metrics;
    }

    /**
     * @param newSession whether the request starts a session (no valid session key): its shedding feeds the
     *                   cluster's new-session throttle
     */
    void forward(ServerRequest req, ServerResponse res, Cluster cluster, boolean newSession, String userId,
                 String requestId, long start) {
        Instance instance = cluster.pick();
        UpstreamPool pool = instance.pool();
        Method method = req.prologue().method();
        boolean head = method == Method.HEAD;
        boolean hasEntity = req.content().hasEntity();
        long sent = 0;
        UpstreamConnection connection = null;
        UpstreamResponse response = null;
        int refused = 0;
        boolean checkIdle = hasEntity && cluster.instances().size() > 1;
        // A request without a body may be sent again when a reused keep-alive connection turns out stale.
        for (int attempt = 0; response == null; attempt++) {
            try {
                connection = pool.acquire(checkIdle);
                sent = System.nanoTime();
                send(req, connection, pool, method, hasEntity, userId, requestId);
                response = connection.readResponse(head);
            } catch (IOException | UncheckedIOException e) {
                boolean stale = connection != null && connection.reused() && !hasEntity && attempt == 0
                        && !ProbeErrors.timeout(e);
                boolean neverSent = connection == null;
                if (connection != null) {
                    connection.close();
                }
                connection = null;
                if (stale) {
                    continue;
                }
                if (cluster.instances().size() > 1 && !ProbeErrors.timeout(e) && !clientsFault(e)) {
                    // One instance of several is gone (refused, or broke off): out of rotation until its next ready
                    // probe. A connection it refused carried nothing of the request, so another instance takes it.
                    instance.down(ProbeErrors.describe(e));
                    Optional<Instance> other = cluster.another(instance);
                    if (neverSent && ProbeErrors.connectFailure(e) && other.isPresent()
                            && ++refused < cluster.instances().size()) {
                        instance = other.get();
                        pool = instance.pool();
                        sent = 0;
                        continue;
                    }
                    // The cluster is not down while another instance is up: its health hears of this only then.
                    failedBeforeResponse(res, cluster, other.isEmpty(), e, sent == 0 ? 0 : System.nanoTime() - sent);
                    return;
                }
                failedBeforeResponse(res, cluster, true, e, sent == 0 ? 0 : System.nanoTime() - sent);
                return;
            } catch (RuntimeException e) {
                // Not the cluster's doing (a bug, or the client's request): never leave its connection half-used.
                if (connection != null) {
                    connection.close();
                }
                throw e;
            }
        }
        long answered = System.nanoTime();
        int status = response.status();
        cluster.health().answered(answered);
        boolean deliberate = deliberateRefusal(response);
        boolean failure = failureStatuses.contains(status) && !deliberate;
        // The reason text is only read on a failure: no string built on every good answer.
        cluster.health().passiveResult(!failure, failure ? "status " + status : null);
        if (failure) {
            metrics.upstreamError(cluster, "status");
            cluster.live().failed(answered - sent);
        } else if (deliberate && response.hasHeader(Shedding.HEADER)) {
            cluster.live().shed();
            if (newSession) {
                cluster.live().newSessionShed();
            }
            metrics.shed(cluster);
        } else {
            cluster.live().answered(answered - sent);
        }
        res.status(Status.create(status, response.reason()));
        ForwardedHeaders.copyResponse(response.headers(), res.headers());
        boolean reusable;
        try {
            if (head || status == 204 || status == 304) {
                metrics.addedLatency((sent - start) + (System.nanoTime() - answered));
                res.send();
                // Never reuse a connection after HEAD: a server that wrongly sends a body with its answer to HEAD
                // (the fuzzing campaign found one) would leave it on the connection, and the next request there
                // would read it as its status line and count a failure against a healthy cluster.
                reusable = response.reusable() && !head;
            } else if (response.contentLength() >= 0 && response.contentLength() <= BUFFER) {
                // A small body of known length (most checkout answers): read whole, then head and body leave in
                // one write, without the server's streaming machinery (its 4 KiB buffer and chunk bookkeeping).
                res.headers().contentLength(response.contentLength());
                metrics.addedLatency((sent - start) + (System.nanoTime() - answered));
                res.send(readSmallBody(response.body(), (int) response.contentLength(), cluster));
                reusable = response.reusable();
            } else {
                if (response.contentLength() >= 0) {
                    res.headers().contentLength(response.contentLength());
                }
                metrics.addedLatency((sent - start) + (System.nanoTime() - answered));
                copyResponseBody(response.body(), res.outputStream(), response.contentLength(), cluster);
                reusable = response.reusable();
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        if (reusable) {
            pool.release(connection);
        } else {
            connection.close();
        }
    }

    /**
     * A 503 with Retry-After is a live service refusing on purpose (shedding, a flow switched off by a flag, a shared
     * dependency such as the catalog being down): moving new sessions to the other cluster would not help, and the
     * active readiness probe still judges the cluster's own stores. A bare 503 (no Retry-After) is sickness.
     */
    private static boolean deliberateRefusal(UpstreamResponse response) {
        return response.status() == 503 && response.hasHeader("Retry-After");
    }

    private void send(ServerRequest req, UpstreamConnection c, UpstreamPool pool, Method method, boolean hasEntity,
                      String userId, String requestId) throws IOException {
        String rawPath = req.prologue().uriPath().rawPath();
        String rawQuery = req.prologue().query().rawValue();
        c.timeout(timeouts.of(req.path().path()));
        c.requestLine(method.text(), rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery);
        c.header("Host", pool.authority());
        ForwardedHeaders.copyRequest(req.headers(), c);
        c.header("X-User-Id", userId);
        c.header("X-Request-Id", requestId);
        String traceparent = Traces.traceparent();
        if (traceparent != null) {
            // the proxy's forward span: the cluster's spans are its children (a client's own traceparent was dropped)
            c.header(Traces.TRACEPARENT, traceparent);
        }
        // The clusters believe X-User-Id only with this signature (apps/common IdentityAssertions).
        c.header(IdentityAssertions.HEADER_NAME, assertions.sign(userId, requestId));
        c.header("X-Forwarded-For", ForwardedHeaders.clientAddress(req.remotePeer().address()));
        c.header("X-Forwarded-Proto", req.isSecure() ? "https" : "http");
        c.header("X-Forwarded-Host", req.authority());
        if (!hasEntity) {
            if (method == Method.POST || method == Method.PUT || method == Method.PATCH) {
                c.header("Content-Length", "0");
            }
            c.endHead();
            c.flush();
            return;
        }
        long length = req.headers().contentLength().orElse(-1);
        if (length >= 0) {
            c.header("Content-Length", Long.toString(length));
        } else {
            c.header("Transfer-Encoding", "chunked");
        }
        c.endHead();
        try (OutputStream body = length >= 0 ? c.fixedBody(length) : c.chunkedBody()) {
            copyRequestBody(req.content().inputStream(), body, length);
        }
        c.flush();
    }

    /**
     * @param declared the client's Content-Length, or -1 for a chunked body
     */
    private void copyRequestBody(InputStream from, OutputStream to, long declared) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (true) {
            int n;
            try {
                n = from.read(buffer);
            } catch (IOException | RuntimeException e) {
                // Whatever the server's reader throws here (end of stream mid-body, a bad chunk size, a reset) is the
                // client's doing: the cluster has only been sent what arrived so far.
                throw new ClientGone(e);
            }
            if (n < 0) {
                if (declared >= 0 && total != declared) {
                    throw new LengthMismatch(declared, total);
                }
                return;
            }
            total += n;
            if (total > maxRequestBytes) {
                throw new TooLarge();
            }
            if (declared >= 0 && total > declared) {
                throw new LengthMismatch(declared, total);
            }
            to.write(buffer, 0, n);
            // Pass on what the client sent so far instead of waiting for a full buffer: the body streams.
            if (from.available() == 0) {
                to.flush();
            }
        }
    }

    private void copyResponseBody(InputStream from, OutputStream to, long length, Cluster cluster) {
        boolean streaming = length < 0;
        int size = streaming ? BUFFER : (int) Math.max(1, Math.min(BUFFER, length));
        // The server's stream may keep a reference to what it is given until it flushes: a fresh array per
        // chunk, never a reused one.
        try (to) {
            while (true) {
                byte[] buffer = new byte[size];
                int n;
                try {
                    n = from.read(buffer);
                } catch (IOException | UncheckedIOException e) {
                    metrics.upstreamError(cluster, "broken");
                    cluster.health().passiveResult(false, ProbeErrors.describe(e));
                    throw new UncheckedIOException("Response from " + cluster + " broke off", asIo(e));
                }
                if (n < 0) {
                    return;
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

    private byte[] readSmallBody(InputStream from, int length, Cluster cluster) {
        byte[] body = new byte[length];
        int read = 0;
        try {
            while (read < length) {
                int n = from.read(body, read, length - read);
                if (n < 0) {
                    throw new EOFException("Cluster closed the connection with " + (length - read)
                            + " body bytes unsent");
                }
                read += n;
            }
        } catch (IOException | UncheckedIOException e) {
            metrics.upstreamError(cluster, "broken");
            cluster.health().passiveResult(false, ProbeErrors.describe(e));
            throw new UncheckedIOException("Response from " + cluster + " broke off", asIo(e));
        }
        return body;
    }

    /** The request broke off on the client's side (its body), not the cluster's. */
    private static boolean clientsFault(Exception e) {
        return has(e, ClientGone.class) || has(e, LengthMismatch.class) || has(e, TooLarge.class);
    }

    /**
     * @param clusterFault whether the cluster's health hears of it: not when another instance of the cluster is up
     */
    private void failedBeforeResponse(ServerResponse res, Cluster cluster, boolean clusterFault, Exception e,
                                      long waitedNanos) {
        // The client's faults first: the cluster's health is left as it was, and the connection is closed (the
        // rest of what the client sent on it cannot be trusted to start a request).
        if (has(e, ClientGone.class)) {
            metrics.clientError(ProxyMetrics.CLIENT_BODY_INCOMPLETE);
            res.header(HeaderNames.CONNECTION, "close");
            Errors.send(res, 400, "REQUEST_BODY_INCOMPLETE", "The request body broke off or was not well framed.",
                    "Send the request again.", 0);
            return;
        }
        if (has(e, LengthMismatch.class)) {
            metrics.clientError(ProxyMetrics.CLIENT_BODY_LENGTH);
            res.header(HeaderNames.CONNECTION, "close");
            Errors.send(res, 400, "REQUEST_BODY_LENGTH", "The request body was not the length it declared.",
                    "Send a Content-Length that is the body's length.", 0);
            return;
        }
        if (has(e, TooLarge.class)) {
            metrics.clientError(ProxyMetrics.CLIENT_BODY_TOO_LARGE);
            metrics.request(Rule.TOO_LARGE, cluster);
            res.header(HeaderNames.CONNECTION, "close");
            Errors.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413.code(), "REQUEST_TOO_LARGE",
                    "The request body is over " + maxRequestBytes + " bytes.", "Send a smaller body.", 0);
            return;
        }
        String detail = ProbeErrors.describe(e);
        LOGGER.log(System.Logger.Level.INFO, "Cluster " + cluster.name() + " failed a live request: " + e);
        cluster.live().failed(waitedNanos);
        if (ProbeErrors.timeout(e)) {
            // Slow is not dead: the outlier detection weighs it; reachability is the probes' and the connections'.
            metrics.upstreamError(cluster, "timeout");
            Errors.send(res, 504, "UPSTREAM_TIMEOUT", "Cluster " + cluster.name() + " did not answer in time.",
                    "Retry; if it goes on, start the checkout again.", 0);
        } else {
            if (clusterFault) {
                cluster.health().passiveResult(false, detail);
            }
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

    /** The client's body was not the length its Content-Length said: not the cluster's fault. */
    static final class LengthMismatch extends IOException {
        LengthMismatch(long declared, long seen) {
            super("request body of " + seen + "+ bytes, declared " + declared);
        }
    }

    /** The client's side of the request body failed: not the cluster's fault. */
    static final class ClientGone extends IOException {
        ClientGone(Throwable cause) {
            super("client request body broke off", cause);
        }
    }
}
