package io.tandem.common.logging;

import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;

/**
 * Puts the request's {@code X-Request-Id} (made by the proxy, forwarded to the cluster) in the {@link LogContext}
 * while the request is served: every line logged for it, by the handler, the stores or a library on the same
 * thread, carries {@code request_id}. An id that is not a plain token (the proxy's rule: letters, digits,
 * {@code - _ . :}, at most {@value #MAX_LENGTH}) is not believed: whoever reaches a port directly must not be able
 * to write what they like into the logs.
 */
public final class RequestLogContext {
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    public static final int MAX_LENGTH = 128;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private RequestLogContext() {
    }

    /**
     * Adds the filter; register it before the filters and routes whose lines should carry the id.
     *
     * @param routing routing to add to
     */
    public static void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            String id = req.headers().first(REQUEST_ID).filter(RequestLogContext::sane).orElse(null);
            try (LogContext.Scope scope = LogContext.withRequestId(id)) {
                chain.proceed();
            }
        });
    }

    static boolean sane(String id) {
        return SANE.matcher(id).matches();
    }
}
