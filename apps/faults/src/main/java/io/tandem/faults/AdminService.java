package io.tandem.faults;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.tandem.common.api.Api;
import io.tandem.common.api.ApiException;
import io.tandem.common.api.ApiRequest;
import io.tandem.common.api.Reply;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;

/**
 * The admin API (every route under {@code /admin/}, guarded by {@code AdminAuth}: {@code admin.token}):
 * <pre>
 * GET    /admin/routes                     every route: listen port, upstream, toxics, connections, bytes
 * GET    /admin/routes/{name}              one route
 * PUT    /admin/routes/{name}/toxics       {"latencyMs":200,"jitterMs":20,"bandwidthKBps":64,"blackhole":true,
 *                                           "reset":true,"slowCloseMs":500}: replaces the route's toxics
 *                                           (absent fields are off; {} clears)
 * DELETE /admin/routes/{name}/toxics       clears the route's toxics
 * DELETE /admin/toxics                     clears every route's toxics
 * </pre>
 */
final class AdminService implements HttpService {
    /** One factory for the process: Json.create* looks its provider up on every call (TOOLCHAIN.md). */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final FaultProxy proxy;
    private final Api api;

    AdminService(FaultProxy proxy, Api api) {
        this.proxy = proxy;
        this.api = api;
    }

    @Override
    public void routing(HttpRules rules) {
        api.get(rules, "/admin/routes", req -> {
            JsonArrayBuilder all = JSON.createArrayBuilder();
            proxy.routes().forEach(route -> all.add(toJson(route)));
            return Reply.ok(JSON.createObjectBuilder().add("routes", all).build());
        });
        api.get(rules, "/admin/routes/{name}", req -> Reply.ok(toJson(route(req))));
        api.put(rules, "/admin/routes/{name}/toxics", req -> {
            Route route = route(req);
            route.set(Toxics.from(req.json()));
            return Reply.ok(toJson(route));
        });
        api.delete(rules, "/admin/routes/{name}/toxics", req -> {
            Route route = route(req);
            route.set(Toxics.NONE);
            return Reply.ok(toJson(route));
        });
        api.delete(rules, "/admin/toxics", req -> {
            proxy.clearAll();
            return Reply.ok(JSON.createObjectBuilder().add("cleared", proxy.routes().size()).build());
        });
    }

    private Route route(ApiRequest req) {
        String name = req.path("name", 40, RouteSpec.NAME);
        return proxy.route(name).orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "ROUTE_NOT_FOUND",
                "No route named " + name + ".", "GET /admin/routes lists the routes."));
    }

    static JsonObject toJson(Route route) {
        RouteSpec spec = route.spec();
        return JSON.createObjectBuilder()
                .add("name", spec.name())
                .add("listen", spec.listenHost() + ":" + route.port())
                .add("upstream", spec.upstreamText())
                .add("toxics", route.toxics().toJson(JSON))
                .add("connections", JSON.createObjectBuilder()
                        .add("active", route.activeConnections())
                        .add("total", route.connections.sum())
                        .add("upstreamFailures", route.upstreamFailures.sum()))
                .add("bytes", JSON.createObjectBuilder()
                        .add("upstream", route.bytesUpstream.sum())
                        .add("downstream", route.bytesDownstream.sum())
                        .add("dropped", route.bytesDropped.sum()))
                .build();
    }
}
