package io.tandem.flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The typed API answering in pure Java against the same API answering through unleash-client-java (pure evaluation
 * off), on the same state: the shipped flags.json, and a backup whose flags need the engine for one of them.
 */
class TypedApiAgreementTest {
    private static final int USERS = 5_000;

    @Test
    void shippedFileSameAnswers(@TempDir Path dir) {
        assertSameAnswers(dir, "pure");
    }

    @Test
    void definitionsThePureEvaluatorLeavesToTheEngine(@TempDir Path dir) throws Exception {
        // cluster_routing 500/500 with a whitelist; atc_disabled on only for users whose id starts with "user-1"
        // (STR_STARTS_WITH: not mirrored in Java, so the engine must answer it).
        String state = """
                {"version":2,"features":[
                 {"name":"cluster_routing","enabled":true,"strategies":[
                   {"name":"flexibleRollout","parameters":{"rollout":"100","stickiness":"userId","groupId":"cluster_routing"},
                    "constraints":[{"contextName":"userId","operator":"IN","values":["vip-1","user-77"]}],
                    "variants":[{"name":"b","weight":1000,"stickiness":"userId"}]},
                   {"name":"flexibleRollout","parameters":{"rollout":"100","stickiness":"userId","groupId":"cluster_routing"},
                    "variants":[{"name":"a","weight":500,"stickiness":"userId"},{"name":"b","weight":500,"stickiness":"userId"}]}]},
                 {"name":"atc_disabled","enabled":true,"strategies":[{"name":"default",
                   "constraints":[{"contextName":"userId","operator":"STR_STARTS_WITH","values":["user-1"]}]}]}]}""";
        Files.writeString(dir.resolve("backup-pure.json"), state);
        Files.writeString(dir.resolve("backup-engine.json"), state);
        int[] onAndB = assertSameAnswers(dir, "backup");
        assertThat("atc_disabled answered by the engine for user-1*", onAndB[0] > 0, is(true));
    }

    private static int[] assertSameAnswers(Path dir, String what) {
        int on = 0;
        int onB = 0;
        try (Flags pure = Flags.create(settings(dir, "backup-pure.json", true));
             Flags engine = Flags.create(settings(dir, "backup-engine.json", false))) {
            for (int i = 0; i < USERS; i++) {
                FlagContext c = new FlagContext("user-" + i, "s-" + i, i % 2 == 0 ? "a" : "b", null, null);
                ClusterVariant v = engine.variant(TandemFlags.CLUSTER_ROUTING, c);
                assertThat(what + " cluster_routing for user-" + i, pure.variant(TandemFlags.CLUSTER_ROUTING, c), is(v));
                onB += v == ClusterVariant.B ? 1 : 0;
                for (BooleanFlag flag : new BooleanFlag[] {TandemFlags.ATC_DISABLED, TandemFlags.OFFER_KILL_SWITCH, TandemFlags.AUTO_FAILOVER}) {
                    boolean expected = engine.isOn(flag, c);
                    assertThat(what + " " + flag + " for user-" + i, pure.isOn(flag, c), is(expected));
                    on += flag == TandemFlags.ATC_DISABLED && expected ? 1 : 0;
                }
            }
            assertThat(pure.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("user-77")),
                    is(engine.variant(TandemFlags.CLUSTER_ROUTING, FlagContext.ofUser("user-77"))));
        }
        System.out.printf("%s: %d users, same answers; atc_disabled on %d, cluster b %d%n", what, USERS, on, onB);
        return new int[] {on, onB};
    }

    private static FlagsSettings settings(Path dir, String backup, boolean pure) {
        return new FlagsSettings("http://127.0.0.1:1/api", "", "agreement-" + pure, null, "development",
                Duration.ofSeconds(1), dir.resolve(backup), Duration.ofMillis(200), Duration.ofMillis(200), null, pure);
    }
}
