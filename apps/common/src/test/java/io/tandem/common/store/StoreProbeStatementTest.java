package io.tandem.common.store;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Which statement a database role's readiness probe runs. */
class StoreProbeStatementTest {
    private static Config store(Map<String, String> keys) {
        return Config.just(ConfigSources.create(keys)).get("db.orders");
    }

    @Test
    void aRoleMayProbeItsOwnTable() {
        assertThat(Stores.probe(store(Map.of("db.orders.probe", "SELECT 1 FROM orders LIMIT 1",
                "db.orders.source", "jdbc"))), is("SELECT 1 FROM orders LIMIT 1"));
    }

    @Test
    void withoutOneOrWithABlankOneItIsSelectOne() {
        assertThat(Stores.probe(store(Map.of("db.orders.source", "jdbc"))), is(Stores.DEFAULT_PROBE));
        assertThat(Stores.probe(store(Map.of("db.orders.probe", " "))), is("SELECT 1"));
    }
}
