package io.tandem.common.server;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class StandaloneConfigTest {
    @Test
    void theServicesFileWinsAndTheSharedDefaultsFillIn() {
        Config config = StandaloneConfig.load("standalone-test.yaml");
        assertThat(config.get("server.port").asInt().get(), is(8399));
        assertThat(config.get("cluster.name").asString().get(), is("b"));
        // from checkout-defaults.yaml
        assertThat(config.get("server.host").asString().get(), is("127.0.0.1"));
        assertThat(config.get("cluster.primary").asBoolean().get(), is(true));
        assertThat(config.get("ft.catalog.retry.attempts").asInt().get(), is(2));
    }

    @Test
    void systemPropertiesWinOverBoth() {
        System.setProperty("server.port", "8398");
        try {
            assertThat(StandaloneConfig.load("standalone-test.yaml").get("server.port").asInt().get(), is(8398));
        } finally {
            System.clearProperty("server.port");
        }
    }
}
