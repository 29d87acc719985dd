package io.tandem.proxy.flags;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.tandem.flags.FlagsSettings;
import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagsFile;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Where the routing flag's state comes from, all in the shape of Unleash's client API: the API itself (with
 * ETag, so an unchanged state costs a 304), the flags client's backup file, or flags.json.
 */
final class ClientFeatures {
    private final FlagsSettings settings;
    private final String flagName;
    private final HttpClient http;
    private final URI uri;
    private String etag;

    ClientFeatures(FlagsSettings settings, String flagName) {
        this.settings = settings;
        this.flagName = flagName;
        this.http = HttpClient.newBuilder().connectTimeout(settings.fetchTimeout()).build();
        this.uri = URI.create(settings.url().replaceAll("/+$", "") + "/client/features?namePrefix="
                + URLEncoder.encode(flagName, StandardCharsets.UTF_8));
    }

    /** Whether the API can be asked at all (a client token is configured). */
    boolean online() {
        return !settings.token().isEmpty();
    }

    /**
     * Asks Unleash.
     *
     * @return the flag's new state; empty when unchanged since the last answer
     * @throws IOException when Unleash cannot be reached or answers an error
     */
    Optional<RoutingFlagEvaluator> fetch() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.fetchTimeout())
                .header("Authorization", settings.token())
                .header("UNLEASH-APPNAME", settings.appName())
                .header("UNLEASH-INSTANCEID", settings.instanceId())
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("Unleash answered " + response.statusCode());
        }
        RoutingFlagEvaluator state = parse(response.body());
        etag = response.headers().firstValue("ETag").orElse(null);
        return Optional.of(state);
    }

    /** The state the flags client saved last (it survives restarts), if there is one that names the flag. */
    Optional<RoutingFlagEvaluator> fromBackup() {
        Path file = settings.backupFile();
        try {
            return Files.exists(file) ? find(Files.readString(file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The state flags as code declares. */
    Optional<RoutingFlagEvaluator> fromFlagsFile() {
        try {
            return find(ClientFeaturesJson.of(FlagsFile.fromClasspath(settings.flagsResource())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private RoutingFlagEvaluator parse(String json) throws IOException {
        try {
            return find(json).orElseGet(() -> RoutingFlagEvaluator.absent(flagName));
        } catch (RuntimeException e) {
            throw new IOException("Unreadable client features from Unleash", e);
        }
    }

    private Optional<RoutingFlagEvaluator> find(String json) {
        JsonElement root = JsonParser.parseString(json);
        if (!root.isJsonObject() || !root.getAsJsonObject().has("features")) {
            return Optional.empty();
        }
        for (JsonElement e : root.getAsJsonObject().getAsJsonArray("features")) {
            JsonObject feature = e.getAsJsonObject();
            if (flagName.equals(feature.get("name").getAsString())) {
                return Optional.of(RoutingFlagEvaluator.of(feature));
            }
        }
        return Optional.empty();
    }
}
