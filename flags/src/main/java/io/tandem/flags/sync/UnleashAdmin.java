package io.tandem.flags.sync;

import com.google.gson.JsonArray;
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

/**
 * The one client of Unleash 8's admin API in Tandem: the calls flags as code needs ({@link FlagsSync}), the drill
 * needs (switch a flag, read its state, edit a strategy's variants) and the tests need (a throw-away flag, archived
 * afterwards). Every failure is an {@link UnleashAdminException} that says which call and why.
 */
public final class UnleashAdmin {
    /** The Unleash project Tandem's flags live in. */
    public static final String DEFAULT_PROJECT = "default";
    /** The environment of the local Unleash (the one every Tandem process reads). */
    public static final String DEFAULT_ENVIRONMENT = "development";
    /** Connect and answer timeout of one admin call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String project;
    private final Duration timeout;

    /**
     * @param unleashUrl the server, with or without a trailing {@code /api}
     * @param token      an admin token, e.g. {@code *:*.<secret>}
     * @param project    the project of the flags
     * @param timeout    connect and answer timeout of one call
     */
    public UnleashAdmin(String unleashUrl, String token, String project, Duration timeout) {
        this.base = baseUrl(unleashUrl);
        this.token = token;
        this.project = project;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code http://host:4242}, {@code http://host:4242/} and {@code http://host:4242/api} all mean the same server. */
    public static String baseUrl(String url) {
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
        toggle(flag, environment, true);
    }

    /** Switches a flag on or off in an environment. */
    public void toggle(String flag, String environment, boolean on) {
        String state = on ? "on" : "off";
        Response r = send("POST", environmentPath(flag, environment) + "/" + state, null);
        r.expect(200, "switch " + flag + " " + state + " in " + environment);
    }

    /** Whether a flag is switched on in an environment (the switch, before strategies). */
    public boolean isOn(String flag, String environment) {
        JsonObject feature = feature(flag)
                .orElseThrow(() -> new UnleashAdminException("no flag " + flag + " in project " + project));
        for (JsonElement e : feature.getAsJsonArray("environments")) {
            JsonObject env = e.getAsJsonObject();
            if (env.has("name") && environment.equals(env.get("name").getAsString())) {
                return env.get("enabled").getAsBoolean();
            }
        }
        throw new UnleashAdminException("flag " + flag + " has no environment " + environment);
    }

    /** A flag's strategies in an environment, as the admin API shows them (with their ids). */
    public JsonArray strategies(String flag, String environment) {
        Response r = send("GET", environmentPath(flag, environment) + "/strategies", null);
        r.expect(200, "read the strategies of " + flag + " in " + environment);
        return r.json().getAsJsonArray();
    }

    /** Replaces one strategy of a flag (name, title, constraints, parameters, variants, disabled). */
    public void updateStrategy(String flag, String environment, String strategyId, JsonObject strategy) {
        Response r = send("PUT", environmentPath(flag, environment) + "/strategies/" + encode(strategyId), strategy);
        r.expect(200, "update strategy " + strategyId + " of " + flag + " in " + environment);
    }

    /** Creates a flag (no strategy, off everywhere). */
    public void createFeature(String name, String type) {
        createFeature(new FlagDefinition(name, type, "", List.of(), false, List.of()));
    }

    /** Adds a strategy given as the admin API's JSON. */
    public void addStrategy(String flag, String environment, JsonObject strategy) {
        Response r = send("POST", environmentPath(flag, environment) + "/strategies", strategy);
        r.expect(200, "add a strategy to " + flag + " in " + environment);
    }

    /**
     * Archives a flag. Deliberately not deleted from the archive right after: Unleash 8.2 records the archiving
     * after answering, and a delete right behind it failed that insert's foreign key and ended the Unleash process.
     */
    public void archive(String flag) {
        Response r = send("DELETE", features() + "/" + encode(flag), null);
        r.expect(200, "archive " + flag);
    }

    private String environmentPath(String flag, String environment) {
        return features() + "/" + encode(flag) + "/environments/" + encode(environment);
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
