package io.tandem.proxy.flags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class RoutingFlagEvaluatorTest {

    @Test
    void answersExactlyAsUnleashsOwnEngineForTheFlagsFileState() throws Exception {
        Path dir = Files.createTempDirectory("routing-flags");
        // No token: the flags client runs its real engine on flags.json (whitelist + 700/300 split).
        FlagsSettings settings = FlagsSettings.create(Config.just(ConfigSources.create(Map.of(
                "token", "", "backup-file", dir.resolve("backup.json").toString()))));
        RoutingFlagEvaluator ours = new ClientFeatures(settings, "cluster_routing").fromFlagsFile().orElseThrow();
        try (Flags engine = Flags.create(settings)) {
            int onB = 0;
            for (int i = 0; i < 2000; i++) {
                String user = "user-" + i;
                String expected = engine.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser(user)).id();
                assertThat(user, ours.variantFor(user), is(expected));
                onB += expected.equals("b") ? 1 : 0;
            }
            assertThat("about 30% on b: " + onB, onB > 500 && onB < 700, is(true));
            assertThat(ours.variantFor("tandem-drill-user-b"), is("b"));
            assertThat(engine.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("tandem-drill-user-b")).id(),
                    is("b"));
        }
    }

    @Test
    void offFlagZeroRolloutAndUnknownRulesGiveNoVariant() {
        assertThat(of("{\"name\":\"r\",\"enabled\":false,\"strategies\":[{\"name\":\"default\",\"variants\":"
                + "[{\"name\":\"b\",\"weight\":1000}]}]}").variantFor("u"), nullValue());
        assertThat(of("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":"
                + "{\"rollout\":\"0\"},\"variants\":[{\"name\":\"b\",\"weight\":1000}]}]}").variantFor("u"), nullValue());
        assertThat(of("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"gradualRolloutUserId\","
                + "\"parameters\":{\"percentage\":\"100\"},\"variants\":[{\"name\":\"b\",\"weight\":1000}]}]}")
                .variantFor("u"), nullValue());
        assertThat(of("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"default\",\"constraints\":"
                + "[{\"contextName\":\"cluster\",\"operator\":\"IN\",\"values\":[\"a\"]}],"
                + "\"variants\":[{\"name\":\"b\",\"weight\":1000}]}]}").variantFor("u"), nullValue());
    }

    @Test
    void constraintsAndStrategyOrderDecide() {
        RoutingFlagEvaluator r = of("{\"name\":\"r\",\"enabled\":true,\"strategies\":["
                + "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\"},\"constraints\":[{\"contextName\":"
                + "\"userId\",\"operator\":\"IN\",\"values\":[\"VIP\"],\"caseInsensitive\":true}],"
                + "\"variants\":[{\"name\":\"b\",\"weight\":1000}]},"
                + "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\"},\"constraints\":[{\"contextName\":"
                + "\"userId\",\"operator\":\"NOT_IN\",\"values\":[\"blocked\"]}],"
                + "\"variants\":[{\"name\":\"a\",\"weight\":1000}]},"
                + "{\"name\":\"default\",\"disabled\":true,\"variants\":[{\"name\":\"b\",\"weight\":1000}]}],"
                + "\"variants\":[]}");
        assertThat(r.variantFor("vip"), is("b"));
        assertThat(r.variantFor("someone"), is("a"));
        assertThat(r.variantFor("blocked"), nullValue());
    }

    @Test
    void flagVariantsServeStrategiesWithoutTheirOwn() {
        RoutingFlagEvaluator r = of("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"default\"}],"
                + "\"variants\":[{\"name\":\"a\",\"weight\":0},{\"name\":\"b\",\"weight\":1000,"
                + "\"overrides\":[{\"contextName\":\"userId\",\"values\":[\"x\"]}]}]}");
        assertThat(r.variantFor("anyone"), is("b"));
    }

    private static RoutingFlagEvaluator of(String json) {
        JsonObject feature = JsonParser.parseString(json).getAsJsonObject();
        return RoutingFlagEvaluator.of(feature);
    }
}
