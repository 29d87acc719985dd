package io.tandem.cart;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;

import io.tandem.common.testing.TestIdentity;

/**
 * Real catalog and offers servers (their own Main, on free ports) in the test JVM, started once and shared by the
 * cart's unit tests; their failure knobs are driven over HTTP like ops would.
 */
final class TestDownstreams {
    private static WebServer catalog;
    private static WebServer offers;

    private TestDownstreams() {
    }

    static synchronized String catalogUrl() {
        if (catalog == null) {
            catalog = io.tandem.catalog.Main.start(serverOnFreePort());
        }
        return "http://127.0.0.1:" + catalog.port();
    }

    static synchronized String offersUrl() {
        if (offers == null) {
            offers = io.tandem.offers.Main.start(serverOnFreePort());
        }
        return "http://127.0.0.1:" + offers.port();
    }

    static void knobs(String baseUrl, String json) {
        Http1Client client = Http1Client.builder().baseUri(baseUrl).build();
        if (json == null) {
            client.delete("/admin/knobs").header(HeaderNames.AUTHORIZATION, TestIdentity.ADMIN_BEARER).request().close();
        } else {
            client.post("/admin/knobs").header(HeaderNames.AUTHORIZATION, TestIdentity.ADMIN_BEARER)
                    .header(HeaderValues.CONTENT_TYPE_JSON).submit(json).close();
        }
    }

    static void heal() {
        knobs(catalogUrl(), null);
        knobs(offersUrl(), null);
    }

    private static Config serverOnFreePort() {
        return Config.just(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1",
                "admin.token", TestIdentity.ADMIN_TOKEN)));
    }
}
