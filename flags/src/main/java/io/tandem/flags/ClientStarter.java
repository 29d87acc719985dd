package io.tandem.flags;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.util.UnleashConfig;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Builds and starts unleash-client-java for {@link UnleashFlags}. */
final class ClientStarter {
    /** How often the client reports its evaluation counts; must differ from {@link PacedExecutor#FETCH_MARKER_SECONDS}. */
    static final long METRICS_SECONDS = 60;

    private ClientStarter() {
    }

    /**
     * Starts the client on its own thread and completes {@code started} with it. Its constructor registers with
     * Unleash synchronously and can hang on a server that accepts and never answers: start-up must not wait on it.
     */
    static void start(FlagsSettings settings, String bootstrap, StateTracker tracker, CompletableFuture<Unleash> started) {
        UnleashConfig.Builder builder = UnleashConfig.builder()
                .unleashAPI(settings.url())
                .appName(settings.appName())
                .instanceId(settings.instanceId())
                .environment(settings.environment())
                .fetchTogglesInterval(PacedExecutor.FETCH_MARKER_SECONDS)
                .sendMetricsInterval(METRICS_SECONDS)
                .fetchTogglesConnectTimeout(settings.fetchTimeout())
                .fetchTogglesReadTimeout(settings.fetchTimeout())
                .sendMetricsConnectTimeout(settings.fetchTimeout())
                .sendMetricsReadTimeout(settings.fetchTimeout())
                .backupFile(settings.backupFile().toString())
                .toggleBootstrapProvider(() -> Optional.of(bootstrap))
                .synchronousFetchOnInitialisation(false)
                // Its own executor: the library's default is a process-wide singleton that the first close() shuts
                // down, which stops every other client's polling and makes their reads throw. Paced: see there.
                .scheduledExecutor(new PacedExecutor(settings.appName(), settings.refresh()))
                .subscriber(tracker);
        if (!settings.token().isEmpty()) {
            builder.apiKey(settings.token());
        }
        UnleashConfig config = builder.build();
        Thread.ofPlatform().daemon().name("tandem-flags-start-" + settings.appName()).start(() -> {
            try {
                started.complete(new DefaultUnleash(config));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
    }
}
