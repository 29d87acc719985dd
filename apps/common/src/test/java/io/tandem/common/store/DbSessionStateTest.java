package io.tandem.common.store;

import java.util.Map;

import io.helidon.common.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class DbSessionStateTest {
    private static Config store(Map<String, String> keys) {
        return io.helidon.config.Config.just(ConfigSources.create(keys)).get("db.stock");
    }

    @Test
    void theDriverKeepsTheSessionStateByDefault() {
        Config applied = DbSessionState.apply(DbTimeouts.apply(store(Map.of(
                "db.stock.connection.url", "jdbc:mysql://127.0.0.1:1/tandem"))));
        assertThat(applied.get(DbSessionState.KEY).asString().orElse("(absent)"), is("true"));
        // the other keys stay as they were
        assertThat(applied.get("connection.url").asString().orElse("(absent)"), is("jdbc:mysql://127.0.0.1:1/tandem"));
        assertThat(applied.get("connection.dataSource.socketTimeout").asString().orElse("(absent)"), is("2500"));
    }

    @Test
    void anExplicitSettingWins() {
        Config applied = DbSessionState.apply(store(Map.of(
                "db.stock.connection.url", "jdbc:mysql://127.0.0.1:1/tandem",
                "db.stock.connection.dataSource.useLocalSessionState", "false")));
        assertThat(applied.get(DbSessionState.KEY).asString().orElse("(absent)"), is("false"));
    }
}
