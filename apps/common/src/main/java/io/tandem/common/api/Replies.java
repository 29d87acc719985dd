package io.tandem.common.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Writes a {@link Reply} to a Helidon response. */
public final class Replies {
    private Replies() {
    }

    public static void send(Reply reply, ServerResponse res) {
        res.status(reply.status());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            res.header(HeaderNames.create(header.getKey()), header.getValue());
        }
        if (reply.body() == null) {
            res.send();
            return;
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(reply.body().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whole seconds, rounded up, never below 1: a client that waits that long is past the limit. */
    public static String retryAfterSeconds(Duration after) {
        long millis = Math.max(1, after.toMillis());
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
