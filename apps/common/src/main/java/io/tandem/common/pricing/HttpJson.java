package io.tandem.common.pricing;

import java.io.StringReader;
import java.time.Duration;

import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import io.tandem.common.api.Jsons;
import io.tandem.common.trace.ClientSpans;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** A small JSON GET client for one downstream, with connect and read timeouts from the dependency policy. */
final class HttpJson {
    private final WebClient client;

    /** @param peer what traces call the downstream (catalog, offers) */
    HttpJson(String peer, String baseUri, Duration timeout) {
        this.client = WebClient.builder()
                .addService(ClientSpans.to(peer))
                .baseUri(baseUri)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .build();
    }

    /** GET with query parameters (name, value pairs); a 5xx or garbage is a {@link DependencyException}. */
    JsonObject get(String path, String... query) {
        HttpClientRequest request = client.get(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        try (HttpClientResponse response = request.request()) {
            String body = response.as(String.class);
            if (response.status().code() != 200) {
                throw new DependencyException(path + " answered " + response.status().code());
            }
            try (JsonReader reader = Jsons.JSON.createReader(new StringReader(body))) {
                return reader.readObject();
            } catch (RuntimeException e) {
                throw new DependencyException(path + " answered unreadable JSON");
            }
        }
    }
}
