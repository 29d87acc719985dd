package io.tandem.common.store;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.ClusterVariant;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.VariantFlag;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PrimaryRoleTest {
    /** primary_cluster as ops set it, switched by the test. */
    private static final class PrimaryFlag implements Flags {
        volatile ClusterVariant primary = ClusterVariant.A;

        @Override
        public boolean isOn(BooleanFlag flag, FlagContext context) {
            return false;
        }

        @Override
        public <V extends Enum<V>> V variant(VariantFlag<V> flag, FlagContext context) {
            return flag.type().cast(primary);
        }

        @Override
        public Duration stateAge() {
            return Duration.ZERO;
        }

        @Override
        public boolean fetchedSinceStart() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static Config cluster(String name, boolean primary) {
        return Config.just(ConfigSources.create(Map.of("cluster.name", name, "cluster.primary", Boolean.toString(primary))));
    }

    @Test
    void theRoleFollowsTheFlagWithoutARestart() {
        PrimaryFlag flag = new PrimaryFlag();
        PrimaryRole a = PrimaryRole.of(cluster("a", true), flag, true);
        PrimaryRole b = PrimaryRole.of(cluster("b", false), flag, true);
        assertThat(a.held(), is(true));
        assertThat(b.held(), is(false));
        flag.primary = ClusterVariant.B;
        assertThat(a.held(), is(false));
        assertThat(b.held(), is(true));
        flag.primary = ClusterVariant.A;
        assertThat(a.held(), is(true));
        assertThat(b.held(), is(false));
    }

    @Test
    void aClusterWithoutAWriteStoreNeverHoldsIt() {
        PrimaryFlag flag = new PrimaryFlag();
        flag.primary = ClusterVariant.B;
        assertThat(PrimaryRole.of(cluster("b", false), flag, false).held(), is(false));
    }
}
