package io.tandem.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;

/**
 * Serves a service's OpenAPI document, kept by hand next to its code as {@code openapi/<service>.yaml} on the
 * classpath, at {@code GET /openapi/<service>}. Each service's {@code OpenApiContractTest} checks the document
 * against the routes the service really registers.
 */
public final class OpenApiDocument {
    private OpenApiDocument() {
    }

    /** Reads the document; fails at start-up, not at request time, when it is missing. */
    public static byte[] load(String service) {
        String resource = "openapi/" + service + ".yaml";
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the document at {@code /openapi/<service>} and at each extra path given (a standalone service's {@code /openapi}). */
    public static void register(HttpRules rules, String service, String... extraPaths) {
        byte[] document = load(service);
        rules.get("/openapi/" + service, (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(document);
        });
        for (String path : extraPaths) {
            rules.get(path, (req, res) -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
                res.send(document);
            });
        }
    }
}
