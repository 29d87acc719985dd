package io.tandem.faults;

import java.util.Set;

import io.tandem.common.api.Fields;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;

/**
 * The faults set on one route, all at once (a PUT replaces the whole set; {@link #NONE} is a clean pass-through).
 *
 * @param latencyMs     added to every chunk the upstream sends back (the answer direction), so a request/answer
 *                      exchange costs this much more; 0 = none
 * @param jitterMs      each chunk's latency varies uniformly by up to this much either way (never below 0)
 * @param bandwidthKBps each direction limited to this many kilobytes (1000 bytes) a second; 0 = unlimited
 * @param blackhole     connections are accepted, but nothing is forwarded either way (bytes are read and
 *                      dropped, so a client that waits for an answer times out); cleared, new bytes flow again
 * @param reset         every open connection is reset (TCP RST) now, and every new one as soon as it is accepted
 * @param slowCloseMs   a close by either side reaches the other side this much later
 */
public record Toxics(int latencyMs, int jitterMs, int bandwidthKBps, boolean blackhole, boolean reset,
                     int slowCloseMs) {
    public static final Toxics NONE = new Toxics(0, 0, 0, false, false, 0);
    /** Bounds of what the admin API accepts: a fault is a minute at most, so a forgotten one still ends a test. */
    public static final int MAX_LATENCY_MS = 60_000;
    public static final int MAX_SLOW_CLOSE_MS = 60_000;
    public static final int MAX_BANDWIDTH_KBPS = 10_000_000;
    private static final Set<String> FIELDS = Set.of("latencyMs", "jitterMs", "bandwidthKBps", "blackhole", "reset",
            "slowCloseMs");

    /** The toxics a JSON body asks for; absent fields are off. 400 naming the field on a bad value. */
    static Toxics from(JsonObject body) {
        Fields.onlyKnown(body, FIELDS);
        int latency = optionalInt(body, "latencyMs", MAX_LATENCY_MS);
        int jitter = optionalInt(body, "jitterMs", MAX_LATENCY_MS);
        Toxics toxics = new Toxics(latency, jitter, optionalInt(body, "bandwidthKBps", MAX_BANDWIDTH_KBPS),
                Fields.optionalBoolean(body, "blackhole", false), Fields.optionalBoolean(body, "reset", false),
                optionalInt(body, "slowCloseMs", MAX_SLOW_CLOSE_MS));
        return toxics.isNone() ? NONE : toxics;
    }

    private static int optionalInt(JsonObject body, String field, int max) {
        return body.containsKey(field) ? Fields.integer(body, field, 0, max) : 0;
    }

    /** True when nothing is set: the pumps copy bytes and nothing else. */
    public boolean isNone() {
        return latencyMs == 0 && jitterMs == 0 && bandwidthKBps == 0 && !blackhole && !reset && slowCloseMs == 0;
    }

    /** Bytes a second each direction may carry, or 0 for no limit. */
    long bytesPerSecond() {
        return bandwidthKBps * 1000L;
    }

    JsonObject toJson(JsonBuilderFactory json) {
        return json.createObjectBuilder()
                .add("latencyMs", latencyMs)
                .add("jitterMs", jitterMs)
                .add("bandwidthKBps", bandwidthKBps)
                .add("blackhole", blackhole)
                .add("reset", reset)
                .add("slowCloseMs", slowCloseMs)
                .build();
    }
}
