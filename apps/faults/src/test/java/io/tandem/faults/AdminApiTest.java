package io.tandem.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/** The admin API as a scenario uses it: the whole process (admin server, AdminAuth, metrics) on free ports. */
class AdminApiTest {
    private static final String TOKEN = "test-admin-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestUpstream echo;
    private static Main.Running running;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        echo = TestUpstream.echo();
        running = Main.start(Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1", "server.port", "0", "admin.token", TOKEN,
                "faults.routes.0.name", "db-a", "faults.routes.0.listen", "0",
                "faults.routes.0.upstream", "127.0.0.1:" + echo.port()))));
        base = "http://127.0.0.1:" + running.server().port();
    }

    @AfterAll
    static void stop() throws IOException {
        running.close();
        echo.close();
    }

    @Test
    void adminRoutesNeedTheToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/routes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(401));
        assertThat(response.body(), containsString("\"code\":\"ADMIN_TOKEN_REQUIRED\""));
        assertThat(response.body(), containsString("\"hint\""));
    }

    @Test
    void setReadAndClearToxicsOverHttp() throws Exception {
        HttpResponse<String> set = send("PUT", "/admin/routes/db-a/toxics", "{\"latencyMs\":1000,\"jitterMs\":0}");
        assertThat(set.body(), set.statusCode(), is(200));
        assertThat(set.body(), containsString("\"latencyMs\":1000"));
        assertThat(send("GET", "/admin/routes", null).body(), containsString("\"upstream\":\"127.0.0.1:" + echo.port()));
        try (Socket socket = new Socket("127.0.0.1", running.proxy().port("db-a"))) {
            assertThat(FaultProxyTest.rttMillis(socket), greaterThanOrEqualTo(995L));
            String metrics = send("GET", "/observe/metrics", null).body();
            assertThat(metrics, metric(metrics, "tandem_faults_toxic_active", "toxic=\"latency\""), is(1.0));

            HttpResponse<String> cleared = send("DELETE", "/admin/routes/db-a/toxics", null);
            assertThat(cleared.statusCode(), is(200));
            assertThat(cleared.body(), containsString("\"latencyMs\":0"));
            assertThat(FaultProxyTest.rttMillis(socket), lessThan(FaultProxyTest.CLEAN_MS));
        }
        String metrics = send("GET", "/observe/metrics", null).body();
        assertThat(metrics, metric(metrics, "tandem_faults_bytes_total", "direction=\"downstream\""), is(2.0));
        assertThat(metrics, metric(metrics, "tandem_faults_bytes_total", "direction=\"upstream\""), is(2.0));
        assertThat(metrics, metric(metrics, "tandem_faults_connections_total", ""), is(1.0));
        assertThat(metrics, metric(metrics, "tandem_faults_toxic_active", "toxic=\"latency\""), is(0.0));
        assertThat(send("DELETE", "/admin/toxics", null).body(), containsString("\"cleared\":1"));
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        HttpResponse<String> negative = send("PUT", "/admin/routes/db-a/toxics", "{\"latencyMs\":-1}");
        assertThat(negative.statusCode(), is(400));
        assertThat(negative.body(), containsString("\"field\":\"latencyMs\""));
        HttpResponse<String> unknown = send("PUT", "/admin/routes/db-a/toxics", "{\"latency\":100}");
        assertThat(unknown.statusCode(), is(400));
        assertThat(unknown.body(), containsString("\"field\":\"latency\""));
        HttpResponse<String> notBoolean = send("PUT", "/admin/routes/db-a/toxics", "{\"blackhole\":\"yes\"}");
        assertThat(notBoolean.statusCode(), is(400));
        assertThat(notBoolean.body(), containsString("\"field\":\"blackhole\""));
        HttpResponse<String> garbage = send("PUT", "/admin/routes/db-a/toxics", "{not json");
        assertThat(garbage.statusCode(), is(400));
        assertThat(garbage.body(), not(containsString("Exception")));
    }

    @Test
    void anUnknownRouteIsA404() throws Exception {
        HttpResponse<String> response = send("PUT", "/admin/routes/nope/toxics", "{\"blackhole\":true}");
        assertThat(response.statusCode(), is(404));
        assertThat(response.body(), containsString("\"code\":\"ROUTE_NOT_FOUND\""));
    }

    /** The value of the one sample of {@code name} for route db-a whose labels contain {@code label}. */
    private static double metric(String text, String name, String label) {
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains("route=\"db-a\"") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " {" + label + "} in " + text));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
