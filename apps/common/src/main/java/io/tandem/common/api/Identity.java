package io.tandem.common.api;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling. The proxy verifies the user's JWT, drops any identity header that came from outside, and
 * passes the user id on in {@code X-User-Id} (DESIGN.md, Identity). Services trust only that header.
 */
public final class Identity {
    public static final HeaderName USER_ID = HeaderNames.create("X-User-Id");
    /** User ids are opaque tokens; this keeps them safe to use in Redis keys and logs. */
    public static final Pattern USER_ID_FORMAT = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

    private Identity() {
    }

    /** The caller's user id; 401 when the header is missing or malformed. */
    public static String requireUser(ServerRequest req) {
        return user(req).orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401, "UNAUTHENTICATED",
                "This call needs a signed-in user (header X-User-Id, set by the proxy).",
                "Sign in and call through the proxy with a bearer token."));
    }

    /** The user id when present and well formed. */
    public static Optional<String> user(ServerRequest req) {
        return req.headers().first(USER_ID)
                .map(String::strip)
                .filter(id -> USER_ID_FORMAT.matcher(id).matches());
    }
}
