package io.tandem.proxy.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.tandem.proxy.Json;
import io.tandem.proxy.cluster.Cluster;
import io.tandem.proxy.cluster.Clusters;
import io.tandem.proxy.routing.RoutingFlags;

/**
 * Ops endpoints, behind the admin token (header {@code X-Admin-Token}, or {@code Authorization: Bearer <token>}):
 * <ul>
 *     <li>{@code GET  /proxy/admin/clusters}: each cluster's health, drain state and the routing flags;</li>
 *     <li>{@code POST /proxy/admin/clusters/{name}/drain}: no new sessions go there; running ones carry on;</li>
 *     <li>{@code POST /proxy/admin/clusters/{name}/undrain}: takes new sessions again.</li>
 * </ul>
 * With no {@code proxy.admin.token} configured the endpoints answer 403.
 */
public final class AdminService implements HttpService {
    private final Clusters clusters;
    private final RoutingFlags flags;
    private final byte[] token;
    private final Consumer<String> audit;

    public AdminService(Clusters clusters, RoutingFlags flags, Optional<String> token, Consumer<String> audit) {
        this.clusters = clusters;
        this.flags = flags;
        this.token = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::authorize)
                .get("/clusters", (req, res) -> json(res, 200, state()))
                .post("/clusters/{name}/drain", (req, res) -> drain(req, res, true))
                .post("/clusters/{name}/undrain", (req, res) -> drain(req, res, false));
    }

    private void authorize(ServerRequest req, ServerResponse res) {
        if (token == null) {
            json(res, 403, Json.error("ADMIN_DISABLED", "No admin token is configured.",
                    "Set proxy.admin.token to use the admin endpoints."));
            return;
        }
        String presented = req.headers().first(HeaderNames.create("X-Admin-Token"))
                .or(() -> req.headers().first(HeaderNames.AUTHORIZATION)
                        .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim()))
                .orElse("");
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            json(res, 401, Json.error("ADMIN_UNAUTHORIZED", "Missing or wrong admin token.",
                    "Send X-Admin-Token: <proxy.admin.token>."));
            return;
        }
        res.next();
    }

    private void drain(ServerRequest req, ServerResponse res, boolean drained) {
        String name = req.path().pathParameters().get("name");
        Optional<Cluster> cluster = clusters.get(name);
        if (cluster.isEmpty()) {
            json(res, 404, Json.error("UNKNOWN_CLUSTER", "No cluster named '" + name + "'.",
                    "GET /proxy/admin/clusters lists them."));
            return;
        }
        cluster.get().drained(drained);
        audit.accept((drained ? "Drained" : "Undrained") + " cluster " + name + " from " + req.remotePeer().host());
        json(res, 200, state());
    }

    private String state() {
        return AdminJson.state(clusters, flags);
    }

    private static void json(ServerResponse res, int status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
