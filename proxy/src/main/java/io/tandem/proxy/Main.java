package io.tandem.proxy;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import io.tandem.common.logging.Logging;
import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.server.HouseErrorPages;

/**
 * The transact proxy on 8080: its own health ({@code /observe/health}), metrics ({@code /observe/metrics}) and
 * admin ({@code /proxy/admin}); everything else is routed to cluster A or B.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** Features run in weight order before plain routes at the default weight 100. */
    private static final double OBSERVE_WEIGHT = 1000;

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Config.global(config);
        Tracing tracing = Tracing.install(config, "proxy");
        TandemProxy proxy = TandemProxy.create(config).start();
        WebServer server = server(config, proxy).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            tracing.close(); // last: sends the spans of the requests that were still running
        }, "proxy-close"));
        LOG.log(System.Logger.Level.INFO, String.format("Tandem proxy up at http://%s:%d, clusters %s",
                config.get("server.host").asString().orElse("0.0.0.0"), server.port(), proxy.clusters().all()));
    }

    /**
     * The proxy's web server, not started.
     *
     * @param config root config
     * @param proxy  the proxy
     * @return the server
     */
    public static WebServer server(Config config, TandemProxy proxy) {
        return HouseErrorPages.apply(WebServer.builder()
                .config(config.get("server")))
                .addFeature(ObserveFeature.builder()
                        .config(config.get("server.features.observe"))
                        // Above the catch-all proxy route: /observe/* is the proxy's own (rule 1).
                        .weight(OBSERVE_WEIGHT)
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .useSystemServices(false)
                                .addCheck(proxy.readiness())
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routing(routing, proxy))
                .build();
    }

    /**
     * Rule 1: the proxy's own paths; then every other request goes through routing.
     *
     * @param routing routing to add to
     * @param proxy   the proxy
     */
    public static void routing(HttpRouting.Builder routing, TandemProxy proxy) {
        // The edge: each request starts its own trace (a client's traceparent is neither continued nor passed on).
        TracingFilter.edge().register(routing);
        routing.register("/proxy/admin", proxy.admin())
                .any(proxy.handler());
    }
}
