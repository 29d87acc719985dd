package io.tandem.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The receiver as Alertmanager uses it: the whole process on a free port, a real webhook payload. */
class AlertReceiverTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What Alertmanager 0.25 posts (webhook version 4), trimmed to the fields a receiver reads. */
    private static final String FIRING = """
            {"version":"4","status":"firing","receiver":"critical","groupKey":"{}:{alertname=\\"TandemTargetDown\\"}",
             "alerts":[{"status":"firing","labels":{"alertname":"TandemTargetDown","severity":"critical","job":"notifier"},
              "annotations":{"summary":"notifier is not answering its metrics endpoint"},
              "startsAt":"2026-12-01T01:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"f1"}]}""";
    private static WebServer server;
    private static String base;

    @BeforeAll
    static void start() {
        server = Main.start(Config.just(ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "alerts.keep", "3"))));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aWebhookNotificationIsRecordedAndServedBack() throws Exception {
        HttpResponse<String> posted = post("/v1/alerts/critical", FIRING);
        assertThat(posted.statusCode(), is(200));
        assertThat(posted.body(), containsString("\"recorded\":1"));
        String listed = get("/v1/alerts?alertname=TandemTargetDown").body();
        assertThat(listed, containsString("\"receiver\":\"critical\""));
        assertThat(listed, containsString("\"status\":\"firing\""));
        assertThat(listed, containsString("\"severity\":\"critical\""));
        assertThat(listed, containsString("\"job\":\"notifier\""));
        assertThat(get("/v1/alerts?alertname=Other").body(), is("{\"alerts\":[]}"));
        assertThat(get("/observe/metrics").body(), containsString("tandem_alerts_received_total{receiver=\"critical\""));
    }

    @Test
    void onlyTheNewestAreKept() throws Exception {
        for (int i = 0; i < 5; i++) {
            post("/v1/alerts/medium", FIRING.replace("TandemTargetDown", "Keep" + i));
        }
        String listed = get("/v1/alerts").body();
        assertThat(listed, not(containsString("Keep1")));
        assertThat(listed, containsString("Keep2"));
        assertThat(listed, containsString("Keep4"));
    }

    @Test
    void aBodyThatIsNotAWebhookPayloadIsRefusedInTheHouseShape() throws Exception {
        HttpResponse<String> bad = post("/v1/alerts/critical", "{\"nope\":1}");
        assertThat(bad.statusCode(), is(400));
        assertThat(bad.body(), containsString("\"code\":\"INVALID_FIELD\""));
        assertThat(post("/v1/alerts/critical", "not json").statusCode(), is(400));
        assertThat(post("/v1/alerts/NO_SUCH", FIRING).statusCode(), is(400));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
