package io.tandem.common.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

/**
 * Every {@code /admin/} route of a process takes a token from config ({@code admin.token}), sent as
 * {@code Authorization: Bearer <token>}. With no token configured, admin routes are closed (401): a process
 * never opens its knobs to whoever reaches its port. The one way the project guards admin routes.
 */
public final class AdminAuth {
    /** The config key of the token. */
    public static final String CONFIG_KEY = "admin.token";
    public static final String PATH_PREFIX = "/admin/";

    private final byte[] token;

    AdminAuth(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** With a given token (null or blank: admin routes closed). */
    public static AdminAuth of(String token) {
        return new AdminAuth(token);
    }

    public static AdminAuth from(Config config) {
        return new AdminAuth(config.get(CONFIG_KEY).asString().orElse(null));
    }

    /** Adds the filter that refuses {@code /admin/...} without the token, in the house error shape. */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            String path = req.path().path();
            if ((path.startsWith(PATH_PREFIX) || path.equals("/admin"))
                    && !allows(req.headers().first(HeaderNames.AUTHORIZATION))) {
                Replies.send(refusal().toReply(), res);
                return;
            }
            chain.proceed();
        });
    }

    boolean allows(Optional<String> authorization) {
        if (token == null || authorization.isEmpty() || !authorization.get().startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.get().substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }

    private ApiException refusal() {
        return new ApiException(Status.UNAUTHORIZED_401, "ADMIN_TOKEN_REQUIRED",
                token == null ? "Admin routes of this process are closed (no " + CONFIG_KEY + " configured)."
                        : "Admin routes need the admin token.",
                "Send Authorization: Bearer <" + CONFIG_KEY + ">.");
    }
}
