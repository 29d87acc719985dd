package io.tandem.drill;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.tandem.flags.TandemFlags;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The admin calls the drill makes, against a small HTTP server that answers like Unleash 8 and records the calls. */
class DrillFlagsTest {
    private static final String STRATEGIES = """
            [{"id":"w1","name":"flexibleRollout","constraints":[{"contextName":"userId","operator":"IN","values":["x"]}],
              "parameters":{"rollout":"100"},"variants":[{"name":"b","weight":1000}],"title":"whitelist","disabled":false},
             {"id":"s2","name":"flexibleRollout","constraints":[],"parameters":{"rollout":"100","groupId":"cluster_routing"},
              "variants":[{"name":"a","weight":700,"weightType":"fix"},{"name":"b","weight":300,"weightType":"variable"}],
              "title":"split","disabled":false}]
            """;
    private static final String FEATURE = """
            {"name":"offer_kill_switch","environments":[{"name":"production","enabled":false},
             {"name":"development","enabled":true}]}
            """;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private DrillFlags admin;

    @BeforeEach
    void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String path = exchange.getRequestURI().getPath();
            String get = path.endsWith("/strategies") ? STRATEGIES : FEATURE;
            byte[] answer = (exchange.getRequestMethod().equals("GET") ? get : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Properties props = new Properties();
        props.setProperty("unleash.url", "http://127.0.0.1:" + server.getAddress().getPort());
        props.setProperty("unleash.admin.token", "*:*.test-token");
        admin = new DrillFlags(new Env(Path.of("test.properties"), props));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void picksTheSplitStrategyNotTheWhitelist() {
        assertThat(admin.splitStrategy().getString("id"), is("s2"));
    }

    @Test
    void pinsBsWeightExactlyAndLetsATakeTheRest() {
        JsonObject split = admin.splitStrategy();
        admin.shareToB(split, 25);
        String put = calls.get(calls.size() - 1);
        assertThat(put.startsWith("PUT /api/admin/projects/default/features/cluster_routing/environments/development/strategies/s2 *:*.test-token "), is(true));
        JsonObject body = Json.createReader(new StringReader(put.substring(put.indexOf('{')))).readObject();
        JsonArray variants = body.getJsonArray("variants");
        assertThat(variants.size(), is(2));
        assertThat(variants.getJsonObject(0).getString("name"), is("a"));
        assertThat(variants.getJsonObject(0).getInt("weight"), is(750));
        assertThat(variants.getJsonObject(0).getString("weightType"), is("variable"));
        assertThat(variants.getJsonObject(1).getString("name"), is("b"));
        assertThat(variants.getJsonObject(1).getInt("weight"), is(250));
        assertThat(variants.getJsonObject(1).getString("weightType"), is("fix"));
        assertThat(body.getJsonObject("parameters").getString("groupId"), is("cluster_routing"));
    }

    @Test
    void allOrNothingIsOneVariantAndRestorePutsTheOriginalBack() {
        JsonObject split = admin.splitStrategy();
        admin.shareToB(split, 100);
        assertThat(lastVariants().size(), is(1));
        assertThat(lastVariants().getJsonObject(0).getString("name"), is("b"));
        admin.shareToB(split, 0);
        assertThat(lastVariants().getJsonObject(0).getString("name"), is("a"));
        admin.restore(split);
        assertThat(lastVariants(), is(split.getJsonArray("variants")));
    }

    @Test
    void togglesAFlagInTheEnvironment() {
        admin.toggle(TandemFlags.ATC_DISABLED, true);
        assertThat(calls.get(calls.size() - 1).startsWith(
                "POST /api/admin/projects/default/features/atc_disabled/environments/development/on"), is(true));
    }

    @Test
    void readsAFlagsStateInTheEnvironmentTheServicesRead() {
        assertThat(admin.isOn(TandemFlags.OFFER_KILL_SWITCH), is(true));
        assertThat(calls.get(calls.size() - 1).startsWith("GET /api/admin/projects/default/features/offer_kill_switch "), is(true));
    }

    private JsonArray lastVariants() {
        String put = calls.get(calls.size() - 1);
        return Json.createReader(new StringReader(put.substring(put.indexOf('{')))).readObject().getJsonArray("variants");
    }
}
