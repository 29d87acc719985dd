package io.tandem.common.api;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.common.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling. The proxy verifies the user's JWT, drops any identity header that came from outside, and
 * passes the user id on in {@code X-User-Id} with a signed {@link IdentityAssertions assertion} (DESIGN.md,
 * Identity). A process believes a user only after the filter added by {@link #register} verified that assertion:
 * a request that names a user without a valid one is answered 401 before any handler runs, and a process that
 * never registered the filter knows no user at all (closed, not open).
 */
public final class Identity {
    public static final HeaderName USER_ID = HeaderNames.create("X-User-Id");
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    /** User ids are opaque tokens; this keeps them safe to use in Redis keys and logs. */
    public static final Pattern USER_ID_FORMAT = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

    private Identity() {
    }

    /** A user the filter verified, kept in the request's context. */
    private record VerifiedUser(String id) {
    }

    /**
     * Adds the filter that verifies {@code X-User-Id} against its assertion, secret from the root config
     * ({@value IdentityAssertions#SECRET_KEY}).
     *
     * @param routing routing to add to
     * @param root    root config
     */
    public static void register(HttpRouting.Builder routing, Config root) {
        register(routing, IdentityAssertions.create(root));
    }

    /**
     * Adds the filter that verifies {@code X-User-Id} against its assertion.
     *
     * @param routing    routing to add to
     * @param assertions the verifier
     */
    public static void register(HttpRouting.Builder routing, IdentityAssertions assertions) {
        routing.addFilter((chain, req, res) -> {
            Optional<String> named = req.headers().first(USER_ID);
            if (named.isPresent()) {
                String user = named.get().strip();
                if (!USER_ID_FORMAT.matcher(user).matches() || !assertions.verify(user,
                        req.headers().first(REQUEST_ID).orElse(null),
                        req.headers().first(IdentityAssertions.HEADER).orElse(null))) {
                    Replies.send(forged().toReply(), res);
                    return;
                }
                req.context().register(new VerifiedUser(user));
            }
            chain.proceed();
        });
    }

    /** The caller's user id; 401 when no verified user came with the request. */
    public static String requireUser(ServerRequest req) {
        return user(req).orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401, "UNAUTHENTICATED",
                "This call needs a signed-in user (header X-User-Id, set by the proxy).",
                "Sign in and call through the proxy with a bearer token."));
    }

    /** The verified user id, if any. */
    public static Optional<String> user(ServerRequest req) {
        return req.context().get(VerifiedUser.class).map(VerifiedUser::id);
    }

    private static ApiException forged() {
        return new ApiException(Status.UNAUTHORIZED_401, "UNAUTHENTICATED",
                "X-User-Id came without a valid identity assertion.",
                "Call through the proxy with a bearer token; a cluster believes only the proxy.");
    }
}
