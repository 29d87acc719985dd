package io.tandem.common.testing;

import java.time.Duration;

import io.tandem.common.api.IdentityAssertions;

/**
 * The identity a unit test's in-process service believes: routings built by tests register
 * {@code Identity.register(routing, TestIdentity.ASSERTIONS)}, and their clients send {@code X-User-Id} with
 * {@link #assertion(String)} (no X-Request-Id) in {@value IdentityAssertions#HEADER_NAME}.
 */
public final class TestIdentity {
    /** Only for in-process test servers; deployed ones use env.properties' {@code identity.secret}. */
    public static final String SECRET = "unit-test-identity-secret-0123456789";
    public static final IdentityAssertions ASSERTIONS = IdentityAssertions.of(SECRET, Duration.ofMinutes(10));
    /** The admin token of in-process test servers. */
    public static final String ADMIN_TOKEN = "unit-test-admin-token";
    public static final String ADMIN_BEARER = "Bearer " + ADMIN_TOKEN;

    private TestIdentity() {
    }

    /** The assertion for a request of this user that sends no X-Request-Id. */
    public static String assertion(String user) {
        return ASSERTIONS.sign(user, null);
    }
}
