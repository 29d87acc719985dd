package io.tandem.alerts;

import java.util.List;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.Api;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.logging.Logging;
import io.tandem.common.observe.Observe;

/**
 * The alert receiver (port 8306): where Alertmanager delivers alerts, by severity. A stand-in for the pager, chat
 * and mail of a real on-call rota (third parties we cannot run here), and a witness tests can ask.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Logging.configure(config);
        WebServer server = start(config);
        LOG.log(System.Logger.Level.INFO, String.format("Alert receiver at http://127.0.0.1:%d/v1/alerts", server.port()));
    }

    /** Starts the receiver from config ({@code server.port} 0 picks a free port). */
    public static WebServer start(Config config) {
        ReceivedAlerts received = new ReceivedAlerts(config.get("alerts.keep").asInt().orElse(ReceivedAlerts.DEFAULT_KEEP));
        return WebServer.builder()
                .config(config.get("server"))
                .addFeature(Observe.feature(config, List.of()))
                .routing(routing -> routing(routing, received))
                .build()
                .start();
    }

    static void routing(HttpRouting.Builder routing, ReceivedAlerts received) {
        ErrorHandlers.register(routing);
        routing.register(new AlertService(received, Api.builder("alerts").build()));
    }
}
