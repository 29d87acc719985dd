package io.tandem.common.testing;

import java.util.UUID;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;

import io.tandem.common.flag.FlagCheck;
import io.tandem.flags.BooleanFlag;
import io.tandem.flags.sync.UnleashAdmin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A throw-away flag in the real Unleash of envs/local (created through the flags module's admin client, archived
 * at close), and a real client that reads it: so a test can switch "the kill switch" without flipping the shared
 * {@code offer_kill_switch} under other people's tests.
 */
public final class UnleashTestFlag implements AutoCloseable {
    private final String name = "it_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final UnleashAdmin admin;
    private final Unleash client;

    public UnleashTestFlag(TestEnv env) {
        this.admin = new UnleashAdmin(env.get("unleash.url"), env.get("unleash.admin.token"),
                UnleashAdmin.DEFAULT_PROJECT, UnleashAdmin.DEFAULT_TIMEOUT);
        admin.createFeature(name, "kill-switch");
        JsonObject strategy = JsonParser.parseString("{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\","
                + "\"stickiness\":\"default\",\"groupId\":\"" + name + "\"}}").getAsJsonObject();
        admin.addStrategy(name, UnleashAdmin.DEFAULT_ENVIRONMENT, strategy);
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
        admin.toggle(name, UnleashAdmin.DEFAULT_ENVIRONMENT, on);
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

    /**
     * A flag check that answers {@code standIn} by reading this test flag from Unleash (other flags: off): the
     * service asks for the typed flag, the test switches its own copy.
     */
    public FlagCheck check(BooleanFlag standIn) {
        return (flag, userId) -> flag == standIn
                && client.isEnabled(name, UnleashContext.builder().userId(userId == null ? "" : userId).build(), false);
    }

    @Override
    public void close() {
        client.shutdown();
        // Archived only (see UnleashAdmin.archive). Archived test flags are harmless (and gone with the environment).
        try {
            admin.archive(name);
        } catch (RuntimeException e) {
            // Best effort, as before: a flag left behind must not fail the test that used it.
        }
    }
}
