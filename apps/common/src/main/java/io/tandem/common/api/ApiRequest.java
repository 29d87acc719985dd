package io.tandem.common.api;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonObject;

/** One request, with its body read once under the size cap, and helpers that turn bad input into 4xx. */
public final class ApiRequest {
    private final ServerRequest request;
    private final int maxBodyBytes;
    private byte[] body;

    ApiRequest(ServerRequest request, int maxBodyBytes) {
        this.request = request;
        this.maxBodyBytes = maxBodyBytes;
    }

    public ServerRequest raw() {
        return request;
    }

    /** The body bytes; 413 past the cap (checked on Content-Length first, then while reading). */
    public byte[] body() {
        if (body == null) {
            long declared = request.headers().contentLength().orElse(-1);
            if (declared > maxBodyBytes) {
                throw JsonBodies.tooLarge(maxBodyBytes);
            }
            body = request.content().hasEntity()
                    ? JsonBodies.read(request.content().inputStream(), maxBodyBytes)
                    : new byte[0];
        }
        return body;
    }

    /** The body as a JSON object (400 when missing, malformed or not an object). */
    public JsonObject json() {
        return JsonBodies.object(body());
    }

    public String user() {
        return Identity.requireUser(request);
    }

    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    /** A path parameter checked against its format: a malformed id is a 400 naming it. */
    public String path(String name, int maxLength, Pattern format) {
        return Fields.param(name, request.path().pathParameters().first(name).orElse(null), maxLength, format);
    }

    public Optional<String> query(String name) {
        return request.query().first(name).asOptional();
    }
}
