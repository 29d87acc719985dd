package io.tandem.order.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import io.tandem.payment.provider.Knobs;
import io.tandem.payment.provider.SimulatorMain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A payment-provider simulator of the test's own (the PSP is the one third party we fake), so knob changes
 * never disturb other tests on the shared one.
 */
final class Simulator implements AutoCloseable {
    private final WebServer server;
    private final URI base;

    private Simulator(WebServer server) {
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    static Simulator start() {
        return new Simulator(SimulatorMain.server(Config.just(ConfigSources.create(Map.of("port", "0"))), Knobs.none(),
                io.tandem.common.api.AdminAuth.of(io.tandem.common.testing.TestIdentity.ADMIN_TOKEN)).start());
    }

    String url() {
        return base.toString();
    }

    void knobs(String json) {
        var response = OrderNode.send(HttpRequest.newBuilder(base.resolve("/admin/knobs"))
                .header("Authorization", io.tandem.common.testing.TestIdentity.ADMIN_BEARER)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("knobs refused: " + response.body());
        }
    }

    /** Charges and refunds the simulator really booked for a reference (an order number). */
    JsonArray booked(String reference) {
        var response = OrderNode.send(HttpRequest.newBuilder(base.resolve("/v1/charges?reference=" + reference)).GET().build());
        return Json.createReader(new StringReader(response.body())).readObject().getJsonArray("data");
    }

    long count(String kind, String reference) {
        return booked(reference).stream().map(v -> (JsonObject) v).filter(o -> o.getString("object").equals(kind)).count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
