package io.tandem.common.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.testing.TestIdentity;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * On a real server: X-User-Id is believed only with a valid assertion (a forged one is 401 before any handler);
 * /admin/ routes take the admin token ({@link AdminAuth}).
 */
@ServerTest
class IdentityAndAdminTest {
    private final Http1Client client;

    IdentityAndAdminTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ErrorHandlers.register(routing);
        AdminAuth.of(TestIdentity.ADMIN_TOKEN).register(routing);
        Identity.register(routing, TestIdentity.ASSERTIONS);
        Api api = Api.builder("identity-test").build();
        routing.register(rules -> {
            api.get(rules, "/v1/me", req -> Reply.ok(jakarta.json.Json.createObjectBuilder().add("user", req.user()).build()));
            api.get(rules, "/v1/anyone", req -> Reply.ok(jakarta.json.Json.createObjectBuilder()
                    .add("user", Identity.user(req.raw()).orElse("-")).build()));
            api.get(rules, "/admin/knobs", req -> Reply.ok(jakarta.json.Json.createObjectBuilder().add("ok", true).build()));
        });
    }

    private Http1ClientResponse me(String user, String assertion, String requestId) {
        var request = client.get("/v1/me");
        if (user != null) {
            request.header(Identity.USER_ID, user);
        }
        if (assertion != null) {
            request.header(IdentityAssertions.HEADER, assertion);
        }
        if (requestId != null) {
            request.header(Identity.REQUEST_ID, requestId);
        }
        return request.request();
    }

    @Test
    void aSignedUserIsBelievedAForgedOneIsNot() {
        try (Http1ClientResponse r = me("alice", TestIdentity.ASSERTIONS.sign("alice", "rq-1"), "rq-1")) {
            assertThat(r.status(), is(Status.OK_200));
            assertThat(r.as(String.class), containsString("\"user\":\"alice\""));
        }
        // Bare X-User-Id (what anyone reaching the port could send), another user's assertion, another request's,
        // another secret's: 401 in the house shape.
        String[][] forged = {
                {"alice", null, null},
                {"alice", TestIdentity.ASSERTIONS.sign("bob", null), null},
                {"alice", TestIdentity.ASSERTIONS.sign("alice", "rq-1"), "rq-2"},
                {"alice", IdentityAssertions.of("another-secret-of-at-least-32-chars!!", java.time.Duration.ofMinutes(1))
                        .sign("alice", null), null}};
        for (String[] f : forged) {
            try (Http1ClientResponse r = me(f[0], f[1], f[2])) {
                assertThat(r.status(), is(Status.UNAUTHORIZED_401));
                String body = r.as(String.class);
                assertThat(body, containsString("\"code\":\"UNAUTHENTICATED\""));
                assertThat(body, containsString("\"hint\":"));
            }
        }
        try (Http1ClientResponse r = me(null, null, null)) {
            assertThat(r.status(), is(Status.UNAUTHORIZED_401));
        }
        try (Http1ClientResponse r = client.get("/v1/anyone").request()) {
            assertThat(r.as(String.class), containsString("\"user\":\"-\""));
        }
    }

    @Test
    void adminRoutesTakeTheToken() {
        try (Http1ClientResponse r = client.get("/admin/knobs").request()) {
            assertThat(r.status(), is(Status.UNAUTHORIZED_401));
            assertThat(r.as(String.class), containsString("\"code\":\"ADMIN_TOKEN_REQUIRED\""));
        }
        try (Http1ClientResponse r = client.get("/admin/knobs").header(HeaderNames.AUTHORIZATION, "Bearer nope").request()) {
            assertThat(r.status(), is(Status.UNAUTHORIZED_401));
        }
        try (Http1ClientResponse r = client.get("/admin/knobs").header(HeaderNames.AUTHORIZATION, TestIdentity.ADMIN_TOKEN).request()) {
            assertThat(r.status(), is(Status.UNAUTHORIZED_401));
        }
        try (Http1ClientResponse r = client.get("/admin/knobs").header(HeaderNames.AUTHORIZATION, TestIdentity.ADMIN_BEARER).request()) {
            assertThat(r.status(), is(Status.OK_200));
        }
    }

    @Test
    void noTokenConfiguredClosesAdminRoutes() {
        AdminAuth closed = AdminAuth.of(" ");
        assertThat(closed.allows(java.util.Optional.of("Bearer ")), is(false));
        assertThat(closed.allows(java.util.Optional.of("Bearer  ")), is(false));
        assertThat(AdminAuth.of("t").allows(java.util.Optional.of("Bearer t")), is(true));
        assertThat(AdminAuth.of("t").allows(java.util.Optional.empty()), is(false));
    }
}
