package io.tandem.flags.file;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.Flag;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.VariantFlag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlagsFileTest {

    private static final String GOOD_FLAG = """
            {"name": "f1", "type": "operational", "description": "d", "enabled": false,
             "strategies": [{"name": "flexibleRollout", "parameters": {"rollout": "100", "stickiness": "default", "groupId": "f1"}}]}""";

    @Test
    void shippedFileDeclaresExactlyTheTypedFlags() {
        FlagsFile file = FlagsFile.fromClasspath("flags.json");
        Set<String> declared = file.flags().stream().map(FlagDefinition::name).collect(Collectors.toSet());
        Set<String> typed = TandemFlags.ALL.stream().map(Flag::name).collect(Collectors.toSet());
        assertThat(declared, is(typed));
        for (Flag flag : TandemFlags.ALL) {
            FlagDefinition def = file.flag(flag.name()).orElseThrow();
            if (flag instanceof VariantFlag<?> v) {
                assertThat(flag.name(), new HashSet<>(def.variantNames()), is(new HashSet<>(v.variantNames())));
            } else {
                assertThat(flag.name() + " is boolean: no variants", def.variantNames(), is(List.of()));
                assertThat(flag instanceof BooleanFlag, is(true));
            }
        }
        assertThat(file.flag("offer_kill_switch").orElseThrow().type(), is("kill-switch"));
        assertThat(file.flag("cluster_routing").orElseThrow().type(), is("release"));
    }

    @Test
    void goodMinimalFile() {
        FlagsFile file = FlagsFile.parse("t.json", "{\"flags\": [" + GOOD_FLAG + "]}");
        assertThat(file.project(), is("default"));
        assertThat(file.flags().get(0).strategies().get(0).parameters().get("rollout"), is("100"));
    }

    @Test
    void notJsonSaysWhere() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG + ",]}");
        assertThat(msg, containsString("t.json: not valid JSON"));
        assertThat(msg, containsString("syntax error at line 2 column 124 path $.flags[1]"));
    }

    @Test
    void duplicateKeyIsRefused() {
        String msg = refused("{\"flags\": [], \"flags\": []}");
        assertThat(msg, containsString("duplicate key \"flags\""));
    }

    @Test
    void unknownKeyIsRefused() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG.replace("\"enabled\"", "\"enabeld\": true, \"enabled\"") + "]}");
        assertThat(msg, containsString("$.flags[0] (f1): unknown key \"enabeld\""));
    }

    @Test
    void missingEnabledIsRefused() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG.replace("\"enabled\": false,", "") + "]}");
        assertThat(msg, containsString("$.flags[0] (f1): missing \"enabled\""));
    }

    @Test
    void badTypeIsRefused() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG.replace("operational", "killswitch") + "]}");
        assertThat(msg, containsString("$.flags[0] (f1).type: \"killswitch\" is not one of"));
    }

    @Test
    void rolloutOutOfRangeIsRefused() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG.replace("\"100\"", "\"150\"") + "]}");
        assertThat(msg, containsString("$.flags[0] (f1).strategies[0].parameters.rollout: must be a whole percentage 0..100, got 150"));
    }

    @Test
    void weightsMustSumToThousand() {
        String flag = GOOD_FLAG.replace("\"groupId\": \"f1\"}", "\"groupId\": \"f1\"}, \"variants\": [{\"name\": \"a\", \"weight\": 700}, {\"name\": \"b\", \"weight\": 200}]");
        String msg = refused("{\"flags\": [" + flag + "]}");
        assertThat(msg, containsString("$.flags[0] (f1).strategies[0].variants: weights sum to 900, must be 1000"));
    }

    @Test
    void emptyConstraintValuesAreRefused() {
        String flag = GOOD_FLAG.replace("\"groupId\": \"f1\"}", "\"groupId\": \"f1\"}, \"constraints\": [{\"contextName\": \"userId\", \"operator\": \"IN\", \"values\": []}]");
        String msg = refused("{\"flags\": [" + flag + "]}");
        assertThat(msg, containsString("strategies[0].constraints[0].values: needs at least one value"));
    }

    @Test
    void duplicateFlagIsRefused() {
        String msg = refused("{\"flags\": [" + GOOD_FLAG + "," + GOOD_FLAG + "]}");
        assertThat(msg, containsString("$.flags[1].name: flag \"f1\" is declared twice"));
    }

    @Test
    void unknownStrategyAndBadNameAreRefused() {
        assertThat(refused("{\"flags\": [" + GOOD_FLAG.replace("flexibleRollout", "gradualRolloutRandom") + "]}"),
                containsString("strategies[0].name: \"gradualRolloutRandom\" is not one of [default, flexibleRollout]"));
        assertThat(refused("{\"flags\": [" + GOOD_FLAG.replace("\"name\": \"f1\"", "\"name\": \"F-1\"") + "]}"),
                containsString("$.flags[0].name: \"F-1\" is not a flag name"));
        assertThat(refused("{\"flags\": []}"), containsString("$.flags: declares no flag"));
        assertThat(refused("[]"), containsString("$: must be an object"));
    }

    private static String refused(String json) {
        return assertThrows(FlagsFileException.class, () -> FlagsFile.parse("t.json", json)).getMessage();
    }
}
