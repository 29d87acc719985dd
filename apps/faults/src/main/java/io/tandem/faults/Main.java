package io.tandem.faults;

import java.util.List;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.logging.Logging;
import io.tandem.common.observe.Observe;

/**
 * The fault proxy (admin port 8390): TCP routes between the clusters and their stores and outside APIs, where
 * chaos scenarios add latency, cut bandwidth, blackhole or reset connections, over an HTTP admin API.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Running running = start(config);
        LOG.log(System.Logger.Level.INFO, String.format("Fault proxy admin at http://127.0.0.1:%d, routes %s",
                running.server().port(), running.proxy().names()));
    }

    /** The proxy and its admin server, started from config (server port 0 and route listen 0 pick free ports). */
    public record Running(FaultProxy proxy, WebServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
            proxy.close();
        }
    }

    public static Running start(Config config) {
        FaultProxy proxy = FaultProxy.start(config.get("faults"));
        try {
            FaultMetrics.register(proxy);
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .addFeature(Observe.feature(config, List.of(listening(proxy))))
                    .routing(routing -> routing(routing, proxy, AdminAuth.from(config)))
                    .build()
                    .start();
            return new Running(proxy, server);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    static void routing(HttpRouting.Builder routing, FaultProxy proxy, AdminAuth auth) {
        ErrorHandlers.register(routing);
        auth.register(routing);
        routing.register(new AdminService(proxy, Api.builder("faults").build()));
    }

    /** Ready once every route listens (they bind before the admin server starts, so: always, once up). */
    private static HealthCheck listening(FaultProxy proxy) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "routes";
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
                proxy.routes().forEach(r -> response.detail(r.name(), r.port() + " -> " + r.spec().upstreamText()));
                return response.build();
            }
        };
    }
}
