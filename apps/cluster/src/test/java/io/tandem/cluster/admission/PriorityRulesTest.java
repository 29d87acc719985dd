package io.tandem.cluster.admission;

import io.tandem.common.session.SessionKeys;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PriorityRulesTest {
    private static final SessionKeys KEYS = SessionKeys.create(io.helidon.config.Config.just(
            io.helidon.config.ConfigSources.create(java.util.Map.of("secret", "priority-rules-test-secret-0123456789"))));
    private final AdmissionConfig defaults = AdmissionConfig.defaults();
    private final PriorityRules rules = new PriorityRules(defaults.bypass(), defaults.continuations(),
            raw -> KEYS.verify(raw).isPresent());

    @Test
    void probesAreNeverCounted() {
        assertThat(rules.classify("GET", "/observe/health/ready", null), is(Priority.PROBE));
        assertThat(rules.classify("GET", "/observe/health/live", null), is(Priority.PROBE));
        assertThat(rules.classify("GET", "/observe/metrics", null), is(Priority.PROBE));
        assertThat(rules.classify("GET", "/health/deep", null), is(Priority.PROBE));
        assertThat(rules.classify("GET", "/v1/cluster", null), is(Priority.PROBE));
        assertThat(rules.classify("POST", "/v1/clusters-of-carts", null), is(Priority.NEW_SESSION));
    }

    @Test
    void aValidSessionKeyIsACheckoutUnderWay() {
        String key = KEYS.issue("a");
        assertThat(rules.classify("POST", "/v1/orders", key), is(Priority.IN_FLIGHT));
        assertThat(rules.classify("GET", "/v1/orders/a-123", key), is(Priority.IN_FLIGHT));
        assertThat(rules.classify("GET", "/v1/addresses", key), is(Priority.IN_FLIGHT));
    }

    @Test
    void aForgedOrMissingKeyIsANewSession() {
        String key = KEYS.issue("a");
        String forged = key.substring(0, key.length() - 2) + (key.endsWith("AA") ? "BB" : "AA");
        assertThat(rules.classify("POST", "/v1/orders", forged), is(Priority.NEW_SESSION));
        assertThat(rules.classify("POST", "/v1/orders", "a.1.2.3"), is(Priority.NEW_SESSION));
        assertThat(rules.classify("POST", "/v1/buynow/carts", null), is(Priority.NEW_SESSION));
        assertThat(rules.classify("POST", "/v1/addresses", null), is(Priority.NEW_SESSION));
        assertThat(rules.classify("POST", "/v1/carts/me/items", ""), is(Priority.NEW_SESSION));
    }

    @Test
    void anAtcCheckoutContinuesItsCart() {
        assertThat(rules.classify("POST", "/v1/carts/me/checkout", null), is(Priority.IN_FLIGHT));
        assertThat(rules.classify("GET", "/v1/carts/me/checkout", null), is(Priority.NEW_SESSION));
    }
}
