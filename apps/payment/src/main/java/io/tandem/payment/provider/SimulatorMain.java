package io.tandem.payment.provider;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import io.tandem.common.trace.TracingFilter;
import io.tandem.common.trace.Tracing;
import io.tandem.common.api.AdminAuth;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.logging.Logging;
import io.tandem.common.server.HouseErrorPages;

/**
 * The payment-provider simulator on its own: one process shared by both clusters, standing for the outside
 * PSP. Port from {@code server.port} (default 8303), initial knobs from {@code provider-simulator.knobs}.
 * This is the jar's main class: {@code java -jar tandem-payment.jar} is the simulator.
 */
public final class SimulatorMain {
    /** DESIGN.md local port of the simulator. */
    public static final int DEFAULT_PORT = 8303;
    private static final System.Logger LOG = System.getLogger(SimulatorMain.class.getName());

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        Tracing tracing = Tracing.install(config, "psp");
        Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "tracing-close"));
        WebServer server = server(config.get("server"), Knobs.fromConfig(config.get("provider-simulator.knobs")),
                AdminAuth.from(config)).start();
        LOG.log(System.Logger.Level.INFO, String.format("Payment provider simulator up at http://127.0.0.1:%d",
                server.port()));
    }

    /** A simulator server ({@code server} node: host, port), not yet started; its /admin/ routes take the token. */
    public static WebServer server(Config serverConfig, Knobs knobs, AdminAuth admin) {
        return HouseErrorPages.apply(WebServer.builder())
                .host(serverConfig.get("host").asString().orElse("127.0.0.1"))
                .port(serverConfig.get("port").asInt().orElse(DEFAULT_PORT))
                .addFeature(ObserveFeature.builder().addObserver(HealthObserver.builder().build()).build())
                .routing(routing -> {
                    TracingFilter.service().register(routing);
                    admin.register(routing);
                    routing(routing, knobs);
                })
                .build();
    }

    public static void routing(HttpRouting.Builder routing, Knobs knobs) {
        ErrorHandlers.register(routing);
        routing.register(new SimulatorService(knobs));
    }
}
