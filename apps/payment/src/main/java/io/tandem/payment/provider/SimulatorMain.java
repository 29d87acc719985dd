package io.tandem.payment.provider;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import io.tandem.payment.web.ErrorHandlers;

/**
 * The payment-provider simulator on its own: one process shared by both clusters, standing for the outside
 * PSP. Port and initial knobs from {@code provider-simulator.*} in config (default port 8303).
 */
public final class SimulatorMain {
    /** DESIGN.md local port of the simulator. */
    public static final int DEFAULT_PORT = 8303;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        WebServer server = server(config.get("provider-simulator")).start();
        System.out.printf("Payment provider simulator up at http://127.0.0.1:%d%n", server.port());
    }

    /** A simulator server from its config node ({@code server.*}, {@code knobs.*}), not yet started. */
    public static WebServer server(Config simulatorConfig) {
        return WebServer.builder()
                .host(simulatorConfig.get("server.host").asString().orElse("127.0.0.1"))
                .port(simulatorConfig.get("server.port").asInt().orElse(DEFAULT_PORT))
                .addFeature(ObserveFeature.builder().addObserver(HealthObserver.builder().build()).build())
                .routing(routing -> routing(routing, Knobs.fromConfig(simulatorConfig.get("knobs"))))
                .build();
    }

    public static void routing(HttpRouting.Builder routing, Knobs knobs) {
        ErrorHandlers.register(routing);
        routing.register(new SimulatorService(knobs));
    }
}
