package io.tandem.common.api;

import java.lang.System.Logger.Level;
import java.util.Optional;

import io.helidon.dbclient.DbClientException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.common.idempotency.Idempotency;
import io.tandem.common.observe.RouteMetrics;
import io.tandem.common.ratelimit.RateLimits;
import io.tandem.common.trace.TracingFilter;

import redis.clients.jedis.exceptions.JedisException;

/**
 * Registers a service's routes with what every route needs: rate limits, {@code Idempotency-Key} on writes,
 * metrics per route, and errors in the one shape (never a stack trace). Services write handlers that
 * return a {@link Reply} and throw {@link ApiException} to refuse.
 */
public final class Api {
    private static final System.Logger LOG = System.getLogger(Api.class.getName());
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    /** Retry-After when this cluster's Redis does not answer. */
    public static final java.time.Duration STORE_RETRY_AFTER = java.time.Duration.ofSeconds(2);

    private final String service;
    private final RateLimits rateLimits;
    private final Idempotency idempotency;
    private final int maxBodyBytes;
    private final RouteTable table;
    private final RouteMetrics metrics;

    private Api(Builder builder) {
        this.service = builder.service;
        this.rateLimits = builder.rateLimits;
        this.idempotency = builder.idempotency;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.table = builder.table;
        this.metrics = new RouteMetrics(service);
    }

    public static Builder builder(String service) {
        return new Builder(service);
    }

    public RouteTable routes() {
        return table;
    }

    public void get(HttpRules rules, String path, ApiHandler handler) {
        rules.get(path, wrap(Method.GET, path, handler, false));
        table.add("GET", path);
    }

    public void post(HttpRules rules, String path, ApiHandler handler) {
        rules.post(path, wrap(Method.POST, path, handler, true));
        table.add("POST", path);
    }

    public void put(HttpRules rules, String path, ApiHandler handler) {
        rules.put(path, wrap(Method.PUT, path, handler, true));
        table.add("PUT", path);
    }

    public void delete(HttpRules rules, String path, ApiHandler handler) {
        rules.delete(path, wrap(Method.DELETE, path, handler, true));
        table.add("DELETE", path);
    }

    private Handler wrap(Method method, String route, ApiHandler handler, boolean write) {
        return (req, res) -> {
            long start = System.nanoTime();
            TracingFilter.route(method.text(), route);
            Reply reply = answer(req, handler, write);
            req.headers().first(REQUEST_ID).ifPresent(id -> res.header(REQUEST_ID, id));
            Replies.send(reply, res);
            metrics.record(method.text(), route, reply.status().code(), System.nanoTime() - start);
        };
    }

    private Reply answer(ServerRequest req, ApiHandler handler, boolean write) {
        try {
            if (rateLimits != null) {
                rateLimits.check(req);
            }
            ApiRequest request = new ApiRequest(req, maxBodyBytes);
            if (!write) {
                return handler.handle(request);
            }
            requireJson(req);
            byte[] body = request.body();
            if (idempotency == null) {
                return handler.handle(request);
            }
            String namespace = service + ":" + Identity.user(req).orElse("-");
            return idempotency.run(namespace, req.headers().first(HeaderNames.create(Idempotency.HEADER)).orElse(null),
                    req.prologue().method().text(), req.path().rawPath(), body, () -> handler.handle(request));
        } catch (ApiException e) {
            return e.toReply();
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Redis unavailable: " + e.getMessage());
            return ApiException.unavailable("STORE_UNAVAILABLE", "This cluster's Redis is not answering.",
                    "Retry shortly.", STORE_RETRY_AFTER).toReply();
        } catch (DbClientException e) {
            LOG.log(Level.WARNING, "Database unavailable: " + e.getMessage());
            return ApiException.unavailable("STORE_UNAVAILABLE", "The database is not answering.",
                    "Retry shortly.", STORE_RETRY_AFTER).toReply();
        } catch (RuntimeException e) {
            return internal(req, e);
        }
    }

    private static void requireJson(ServerRequest req) {
        Optional<String> type = req.headers().contentType().map(t -> t.mediaType().text());
        if (req.content().hasEntity() && type.isPresent() && !type.get().equals("application/json")) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE",
                    "Bodies are JSON, not " + type.get() + ".", "Send Content-Type: application/json.");
        }
    }

    /** A bug or an unexpected outage: logged with its stack here, answered without it. */
    static Reply internal(ServerRequest req, Throwable e) {
        String requestId = req.headers().first(REQUEST_ID).orElse("-");
        LOG.log(Level.ERROR, "Unhandled error on " + req.prologue().method().text() + " " + req.path().path()
                + " (request " + requestId + ")", e);
        return new ApiException(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL",
                "Something went wrong on our side.", "Retry later; quote X-Request-Id " + requestId + " if it persists.")
                .toReply();
    }

    /** Settings shared by the routes of one service. */
    public static final class Builder {
        private final String service;
        private RateLimits rateLimits;
        private Idempotency idempotency;
        private int maxBodyBytes = JsonBodies.DEFAULT_MAX_BYTES;
        private RouteTable table = new RouteTable();

        private Builder(String service) {
            this.service = service;
        }

        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        public Builder idempotency(Idempotency idempotency) {
            this.idempotency = idempotency;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder routeTable(RouteTable table) {
            this.table = table;
            return this;
        }

        public Api build() {
            return new Api(this);
        }
    }
}
