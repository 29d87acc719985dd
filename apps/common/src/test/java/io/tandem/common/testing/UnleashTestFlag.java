package io.tandem.common.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;

import io.tandem.common.flag.FlagCheck;

/**
 * A throw-away flag in the real Unleash of envs/local (created through the admin API, archived and deleted at
 * close), and a real client that reads it: so a test can switch "the kill switch" without flipping the shared
 * {@code offer_kill_switch} under other people's tests.
 */
public final class UnleashTestFlag implements AutoCloseable {
    private final String name = "it_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String admin;
    private final String token;
    private final Unleash client;
    private final HttpClient http = HttpClient.newHttpClient();

    public UnleashTestFlag(TestEnv env) {
        this.admin = env.get("unleash.url") + "/api/admin";
        this.token = env.get("unleash.admin.token");
        call("POST", "/projects/default/features", "{\"name\":\"" + name + "\",\"type\":\"kill-switch\"}");
        call("POST", "/projects/default/features/" + name + "/environments/development/strategies",
                "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\",\"stickiness\":\"default\",\"groupId\":\""
                        + name + "\"}}");
        this.client = new DefaultUnleash(UnleashConfig.builder()
                .appName("tandem-it")
                .instanceId(name)
                .unleashAPI(env.get("unleash.url") + "/api")
                .apiKey(env.get("unleash.client.token"))
                .fetchTogglesInterval(1)
                .disableMetrics()
                .synchronousFetchOnInitialisation(true)
                .build());
    }

    public String name() {
        return name;
    }

    public void set(boolean on) {
        call("POST", "/projects/default/features/" + name + "/environments/development/" + (on ? "on" : "off"), "");
    }

    /** Waits (bounded) until the client sees the flag as wanted. */
    public void await(boolean on) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (client.isEnabled(name, false) != on) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Unleash client did not see " + name + "=" + on + " within 10 s");
            }
            Thread.sleep(200);
        }
    }

    /** Reads this test flag by name from Unleash for every check (other flags: off). */
    public FlagCheck check() {
        return (flag, userId) -> flag.equals(name)
                && client.isEnabled(name, UnleashContext.builder().userId(userId == null ? "" : userId).build(), false);
    }

    @Override
    public void close() {
        client.shutdown();
        // Archived only: Unleash 8.2 records the archiving in feature_lifecycles after answering, and a delete from
        // the archive right behind it made that insert fail its foreign key, an unhandled rejection that ended the
        // Unleash process in a CI rehearsal. Archived test flags are harmless (and gone with the environment).
        call("DELETE", "/projects/default/features/" + name, null);
    }

    private void call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + path)).header("Authorization", token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !method.equals("DELETE")) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
