package io.tandem.common.store;

import java.util.Map;

import io.helidon.common.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class DbTimeoutsTest {
    private static Config store(Map<String, String> keys) {
        return io.helidon.config.Config.just(ConfigSources.create(keys)).get("db.orders");
    }

    private static String key(Config config, String key) {
        return config.get(key).asString().orElse("(absent)");
    }

    @Test
    void theCascadeIsTheDefault() {
        Config applied = DbTimeouts.apply(store(Map.of("db.orders.source", "jdbc",
                "db.orders.connection.url", "jdbc:mysql://127.0.0.1:1/tandem")));
        assertThat(key(applied, "connection.url"), is("jdbc:mysql://127.0.0.1:1/tandem"));
        assertThat(key(applied, "connection.connectionTimeout"), is("2000"));
        assertThat(key(applied, "connection.validationTimeout"), is("1000"));
        assertThat(key(applied, "connection.dataSource.connectTimeout"), is("2000"));
        assertThat(key(applied, "connection.dataSource.socketTimeout"), is("2500"));
        assertThat(key(applied, "connection.dataSource.sessionVariables"), is("max_statement_time=2.0"));
    }

    @Test
    void tandemKeysSetThemAndExplicitPoolKeysWin() {
        Config applied = DbTimeouts.apply(store(Map.of(
                "db.orders.connection.url", "jdbc:mysql://127.0.0.1:1/tandem",
                "db.orders.connection.connectionTimeout", "700",
                "db.orders.timeout.pool-wait", "PT5S",
                "db.orders.timeout.socket", "PT4S",
                "db.orders.timeout.connect", "PT0.3S",
                "db.orders.timeout.query", "PT0S")));
        assertThat(key(applied, "connection.connectionTimeout"), is("700"));
        assertThat(key(applied, "connection.dataSource.socketTimeout"), is("4000"));
        assertThat(key(applied, "connection.dataSource.connectTimeout"), is("300"));
        assertThat(key(applied, "connection.dataSource.sessionVariables"), is("(absent)"));
    }
}
