package io.tandem.flags.pure;

import java.util.HashMap;
import java.util.Map;

import io.getunleash.engine.Context;
import io.getunleash.engine.FlatResponse;
import io.getunleash.engine.UnleashEngine;
import io.getunleash.engine.VariantDef;
import io.getunleash.engine.YggdrasilInvalidInputException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The shapes a routing flag takes in Unleash, evaluated as the proxy evaluates {@code cluster_routing} (moved
 * here from the proxy's own evaluator, which this evaluator replaced). "No variant" is what the proxy turns into
 * the flag's default, cluster a.
 */
class RoutingFlagShapesTest {

    @Test
    void offFlagZeroRolloutAndAConstraintOnAnAbsentFieldGiveNoVariant() {
        assertThat(variantFor("{\"name\":\"r\",\"enabled\":false,\"strategies\":[{\"name\":\"default\",\"variants\":"
                + "[{\"name\":\"b\",\"weight\":1000}]}]}", "u"), is(NONE));
        assertThat(variantFor("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":"
                + "{\"rollout\":\"0\"},\"variants\":[{\"name\":\"b\",\"weight\":1000}]}]}", "u"), is(NONE));
        assertThat(variantFor("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"default\",\"constraints\":"
                + "[{\"contextName\":\"cluster\",\"operator\":\"IN\",\"values\":[\"a\"]}],"
                + "\"variants\":[{\"name\":\"b\",\"weight\":1000}]}]}", "u"), is(NONE));
    }

    @Test
    void constraintsAndStrategyOrderDecide() {
        String r = "{\"name\":\"r\",\"enabled\":true,\"strategies\":["
                + "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\"},\"constraints\":[{\"contextName\":"
                + "\"userId\",\"operator\":\"IN\",\"values\":[\"VIP\"],\"caseInsensitive\":true}],"
                + "\"variants\":[{\"name\":\"b\",\"weight\":1000}]},"
                + "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\"},\"constraints\":[{\"contextName\":"
                + "\"userId\",\"operator\":\"NOT_IN\",\"values\":[\"blocked\"]}],"
                + "\"variants\":[{\"name\":\"a\",\"weight\":1000}]},"
                + "{\"name\":\"default\",\"disabled\":true,\"variants\":[{\"name\":\"b\",\"weight\":1000}]}],"
                + "\"variants\":[]}";
        assertThat(variantFor(r, "VIP"), is("b"));
        // As Unleash's engine: caseInsensitive applies to the STR_* operators, not to IN (the proxy's own evaluator
        // used to match "vip" here, unlike Unleash).
        assertThat(variantFor(r, "vip"), is("a"));
        assertThat(variantFor(r, "someone"), is("a"));
        // Unleash's server leaves disabled strategies out of what clients fetch; in a state that has one anyway the
        // engine (and so pure Java) evaluates it: "blocked" falls through to it. The proxy's own evaluator skipped
        // it and answered no variant.
        assertThat(variantFor(r, "blocked"), is("b"));
        assertThat(variantFor(r.replace(",\"disabled\":true", "").replace("\"name\":\"default\",", "\"name\":\"default\","
                + "\"constraints\":[{\"contextName\":\"userId\",\"operator\":\"IN\",\"values\":[\"nobody\"]}],"), "blocked"), is(NONE));
    }

    @Test
    void flagVariantsServeStrategiesWithoutTheirOwn() {
        assertThat(variantFor("{\"name\":\"r\",\"enabled\":true,\"strategies\":[{\"name\":\"default\"}],"
                + "\"variants\":[{\"name\":\"a\",\"weight\":0},{\"name\":\"b\",\"weight\":1000,"
                + "\"overrides\":[{\"contextName\":\"userId\",\"values\":[\"x\"]}]}]}", "anyone"), is("b"));
    }

    private static final String NONE = "(no variant)";

    // The pure answer, checked against Unleash's engine on the same state each time.
    private static String variantFor(String feature, String userId) {
        String state = "{\"version\":2,\"features\":[" + feature + "]}";
        SpecContext ctx = new SpecContext(userId, null, null, "development", "tandem-proxy", null, Map.of());
        EvaluatedVariant v = PureState.compile(state).toggle("r").variant(ctx);
        String pure = v.enabled() ? v.name() : NONE;
        UnleashEngine engine = new UnleashEngine();
        try {
            engine.takeState(state);
        } catch (YggdrasilInvalidInputException e) {
            throw new AssertionError(e);
        }
        Context ec = new Context();
        ec.setUserId(userId);
        ec.setAppName(ctx.appName());
        ec.setEnvironment(ctx.environment());
        ec.setProperties(new HashMap<>());
        FlatResponse<VariantDef> r;
        try {
            r = engine.getVariant("r", ec);
        } catch (YggdrasilInvalidInputException e) {
            throw new AssertionError(e);
        }
        String byEngine = r.value != null && Boolean.TRUE.equals(r.value.isEnabled()) ? r.value.getName() : NONE;
        assertThat("engine and pure Java for " + userId, pure, is(byEngine));
        return pure;
    }
}
