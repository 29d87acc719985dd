package io.tandem.common.testing;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tandem.common.api.RouteTable;
import io.tandem.common.openapi.OpenApiDocument;

import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The OpenAPI document of a service must list exactly the routes it registers, no more and no fewer. */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private OpenApiContract() {
    }

    @SuppressWarnings("unchecked")
    public static Set<String> documented(String service) {
        Map<String, Object> doc = new Yaml().load(new ByteArrayInputStream(OpenApiDocument.load(service)));
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        Set<String> routes = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> routes.add(method.toUpperCase() + " " + path)));
        return routes;
    }

    public static void assertMatches(String service, RouteTable table) {
        assertThat("OpenAPI paths of " + service, documented(service), is(new TreeSet<>(table.routes())));
    }
}
