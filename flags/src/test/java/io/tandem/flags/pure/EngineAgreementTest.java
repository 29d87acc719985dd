package io.tandem.flags.pure;

import io.getunleash.engine.Context;
import io.getunleash.engine.FlatResponse;
import io.getunleash.engine.UnleashEngine;
import io.getunleash.engine.VariantDef;
import io.getunleash.engine.YggdrasilInvalidInputException;
import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagsFile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The pure-Java evaluator against the engine unleash-client-java 12 evaluates with (Yggdrasil, over JNI), on the
 * same state, 100,000 ids per case: every answer must be the same. The engine is called directly (the client adds
 * only context adaptation and events around it; TypedApiAgreementTest covers the whole client path).
 */
class EngineAgreementTest {
    private static final int IDS = 100_000;
    // Cases beyond the rollout and the weights: enough ids to cross every bucket many times, a faster class.
    private static final int FEWER_IDS = 20_000;
    private static final String APP = "agreement";
    private static final String ENV = "development";

    @Test
    void rolloutOfThirtyPercent() {
        String state = state("""
                {"name":"r30","enabled":true,"strategies":[{"name":"flexibleRollout",
                 "parameters":{"rollout":"30","stickiness":"userId","groupId":"cluster_routing"},"constraints":[]}],"variants":[]}""");
        int on = compare("r30", state, i -> ctx(id(i), null, null), true);
        assertThat(on, allOf(greaterThan(29_000), lessThan(31_000)));
    }

    @Test
    void strategyVariantsSevenHundredThreeHundred() {
        String state = state("""
                {"name":"cluster_routing","enabled":true,"strategies":[{"name":"flexibleRollout",
                 "parameters":{"rollout":"100","stickiness":"userId","groupId":"cluster_routing"},"constraints":[],
                 "variants":[{"name":"a","weight":700,"stickiness":"userId","weightType":"fix"},
                             {"name":"b","weight":300,"stickiness":"userId","weightType":"variable"}]}],"variants":[]}""");
        int b = compare("cluster_routing", state, i -> ctx(id(i), null, null), false);
        assertThat(b, allOf(greaterThan(29_000), lessThan(31_000)));
    }

    @Test
    void flagVariantsWithOverridesAndSessionFallback() {
        String state = state("""
                {"name":"fv","enabled":true,"strategies":[{"name":"default","parameters":{}}],
                 "variants":[{"name":"a","weight":700,"stickiness":"default",
                               "overrides":[{"contextName":"userId","values":["user-7","user-42"]}]},
                             {"name":"b","weight":300,"stickiness":"default",
                               "overrides":[{"contextName":"userId","values":["user-8"]}]}]}""");
        compare("fv", state, i -> i % 2 == 0 ? ctx(id(i), null, null) : ctx(null, "session-" + i, null), false);
    }

    @Test
    void threeWaySplitInAHalfRolloutWithAConstraint() {
        String state = state("""
                {"name":"three","enabled":true,"strategies":[{"name":"flexibleRollout",
                 "parameters":{"rollout":"50","stickiness":"default","groupId":"g3"},
                 "constraints":[{"contextName":"cluster","operator":"NOT_IN","values":["b"],"inverted":false,"caseInsensitive":false}],
                 "variants":[{"name":"x","weight":333,"stickiness":"default"},{"name":"y","weight":333,"stickiness":"default"},
                             {"name":"z","weight":334,"stickiness":"default"}]}],"variants":[]}""");
        compare("three", state, FEWER_IDS, i -> ctx(id(i), null, i % 3 == 0 ? "b" : "a"), false);
        compare("three", state, FEWER_IDS, i -> ctx(id(i), null, i % 3 == 0 ? "b" : "a"), true);
    }

    @Test
    void shippedFlagsFile() {
        String state = ClientFeaturesJson.of(FlagsFile.fromClasspath("flags.json"));
        int b = compare("cluster_routing", state, i -> ctx(i == 0 ? "tandem-drill-user-b" : id(i), null, null), false);
        assertThat(b, allOf(greaterThan(29_000), lessThan(31_000)));
        for (String flag : new String[] {"offer_kill_switch", "atc_disabled", "auto_failover"}) {
            compare(flag, state, FEWER_IDS, i -> ctx(id(i), null, null), true);
        }
    }

    /** Compares every answer; returns how many were "on" (booleans) or not the first variant ("a"/"x"). */
    private int compare(String flag, String state, java.util.function.IntFunction<SpecContext> contexts, boolean booleans) {
        return compare(flag, state, IDS, contexts, booleans);
    }

    private int compare(String flag, String state, int ids, java.util.function.IntFunction<SpecContext> contexts,
                        boolean booleans) {
        PureToggle pure = PureState.compile(state).toggle(flag);
        assertThat(flag + " compiles for the pure evaluator", pure != null, is(true));
        UnleashEngine engine = engine(state);
        int disagreements = 0;
        int counted = 0;
        try {
            for (int i = 0; i < ids; i++) {
                SpecContext c = contexts.apply(i);
                Context ec = engineContext(c);
                if (booleans) {
                    FlatResponse<Boolean> r = engine.isEnabled(flag, ec);
                    boolean expected = r.value != null && r.value;
                    if (expected != pure.isEnabled(c)) {
                        disagreements++;
                    }
                    counted += expected ? 1 : 0;
                } else {
                    FlatResponse<VariantDef> r = engine.getVariant(flag, ec);
                    String expectedName = r.value == null ? EvaluatedVariant.DISABLED : r.value.getName();
                    boolean expectedEnabled = r.value != null && Boolean.TRUE.equals(r.value.isEnabled());
                    EvaluatedVariant actual = pure.variant(c);
                    if (!expectedName.equals(actual.name()) || expectedEnabled != actual.enabled()) {
                        disagreements++;
                    }
                    counted += expectedEnabled && !"a".equals(expectedName) && !"x".equals(expectedName) ? 1 : 0;
                }
            }
        } catch (YggdrasilInvalidInputException e) {
            throw new AssertionError(e);
        }
        System.out.printf("%s (%s): %d ids, %d disagreements, %d %s%n", flag, booleans ? "isEnabled" : "variant", ids,
                disagreements, counted, booleans ? "on" : "not the first variant");
        assertThat(flag + " disagreements", disagreements, is(0));
        return counted;
    }

    private static UnleashEngine engine(String state) {
        UnleashEngine engine = new UnleashEngine();
        try {
            engine.takeState(state);
        } catch (YggdrasilInvalidInputException e) {
            throw new AssertionError(e);
        }
        return engine;
    }

    private static Context engineContext(SpecContext c) {
        Context ec = new Context();
        ec.setUserId(c.userId());
        ec.setSessionId(c.sessionId());
        ec.setAppName(c.appName());
        ec.setEnvironment(c.environment());
        ec.setProperties(new HashMap<>(c.properties()));
        return ec;
    }

    private static String state(String feature) {
        return "{\"version\":2,\"features\":[" + feature + "]}";
    }

    // The engine fills app and environment from its config: the pure side sees the same.
    private static SpecContext ctx(String userId, String sessionId, String cluster) {
        return new SpecContext(userId, sessionId, null, ENV, APP, null, cluster == null ? Map.of() : Map.of("cluster", cluster));
    }

    // Mostly plain ids, some UUIDs and some non-ASCII ids (the hash runs over UTF-8 bytes).
    private static String id(int i) {
        if (i % 10 == 1) {
            return new UUID(new Random(i).nextLong(), i).toString();
        }
        if (i % 10 == 2) {
            return "usér-ü-" + i + (i % 20 == 2 ? "\uD83D\uDE00" : "中");
        }
        return "user-" + i;
    }
}
