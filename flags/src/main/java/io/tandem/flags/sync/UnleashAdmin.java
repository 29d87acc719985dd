package io.tandem.flags.sync;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagDefinition;
import io.tandem.flags.file.StrategyDefinition;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few calls of Unleash 8's admin API that flags as code needs. Every failure says which call and why. */
final class UnleashAdmin {
    private final HttpClient http;
    private final String base;
    private final String token;
    private final String project;
    private final Duration timeout;

    UnleashAdmin(String unleashUrl, String token, String project, Duration timeout) {
        this.base = baseUrl(unleashUrl);
        this.token = token;
        this.project = project;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code http://host:4242}, {@code http://host:4242/} and {@code http://host:4242/api} all mean the same server. */
    static String baseUrl(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/api")) {
            u = u.substring(0, u.length() - 4);
        }
        return u;
    }

    /** Names of the server's environments. */
    List<String> environments() {
        Response r = send("GET", "/api/admin/environments", null);
        r.expect(200, "list environments");
        List<String> names = new ArrayList<>();
        for (JsonElement e : r.json().getAsJsonObject().getAsJsonArray("environments")) {
            names.add(e.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    /** The flag as the admin API shows it, empty when the project has no such (unarchived) flag. */
    Optional<JsonObject> feature(String name) {
        Response r = send("GET", features() + "/" + encode(name), null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        r.expect(200, "read flag " + name);
        return Optional.of(r.json().getAsJsonObject());
    }

    /** Creates the flag itself (no strategy, off everywhere). */
    void createFeature(FlagDefinition flag) {
        JsonObject body = new JsonObject();
        body.addProperty("name", flag.name());
        body.addProperty("type", flag.type());
        body.addProperty("description", flag.description());
        body.addProperty("impressionData", false);
        Response r = send("POST", features(), body);
        if (r.status() == 409 && r.body().contains("archived")) {
            throw new UnleashAdminException("flag " + flag.name() + " is archived in Unleash: revive it in the UI"
                    + " (Archive, Revive) or delete it from the archive, then run again");
        }
        r.expect(200, "create flag " + flag.name());
    }

    void addStrategy(String flag, String environment, StrategyDefinition strategy) {
        Response r = send("POST", features() + "/" + encode(flag) + "/environments/" + encode(environment)
                + "/strategies", ClientFeaturesJson.strategy(strategy));
        r.expect(200, "add a " + strategy.name() + " strategy to " + flag + " in " + environment);
    }

    void switchOn(String flag, String environment) {
        Response r = send("POST", features() + "/" + encode(flag) + "/environments/" + encode(environment) + "/on", null);
        r.expect(200, "switch " + flag + " on in " + environment);
    }

    private String features() {
        return "/api/admin/projects/" + encode(project) + "/features";
    }

    private Response send(String method, String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method + " " + path, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UnleashAdminException("cannot reach Unleash at " + base + " (" + method + " " + path + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnleashAdminException("interrupted");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Response(String call, int status, String body) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        // Unleash answers 200 or 201 for a create, depending on the endpoint.
        void expect(int okStatus, String what) {
            if (status == okStatus || (okStatus == 200 && (status == 201 || status == 202 || status == 204))) {
                return;
            }
            String hint = switch (status) {
                case 401 -> " (the admin token was refused: pass an admin token such as '*:*.<secret>')";
                case 403 -> " (the token may not do this: use an admin token)";
                case 404 -> " (not found: check the Unleash URL, project and environment)";
                default -> "";
            };
            throw new UnleashAdminException("cannot " + what + ": " + call + " answered " + status + hint + ": "
                    + abbreviate(body));
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
        }
    }
}
