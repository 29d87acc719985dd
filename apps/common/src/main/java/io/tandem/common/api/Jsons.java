package io.tandem.common.api;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of a process. {@code jakarta.json.Json.create*} looks the provider up through
 * {@code ServiceLoader} on every call (it scans the class path's jars): at 20 checkouts/s that lookup was about 13%
 * of a cluster JVM's CPU. The provider is thread-safe; its builders and readers are made per use as before.
 */
public final class Jsons {
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}
