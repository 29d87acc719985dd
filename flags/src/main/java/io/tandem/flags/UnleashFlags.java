package io.tandem.flags;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.getunleash.util.UnleashScheduledExecutorImpl;
import io.getunleash.variant.Variant;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link Flags} over unleash-client-java: polling, backup file, flags.json bootstrap, bounded start-up. */
final class UnleashFlags implements Flags {
    private static final Logger LOG = Logger.getLogger(UnleashFlags.class.getName());

    private final Unleash unleash;
    private final FlagsSettings settings;
    private final StateTracker tracker;

    private UnleashFlags(Unleash unleash, FlagsSettings settings, StateTracker tracker) {
        this.unleash = unleash;
        this.settings = settings;
        this.tracker = tracker;
    }

    static UnleashFlags start(FlagsSettings settings) {
        StateTracker tracker = new StateTracker(settings.backupFile());
        UnleashConfig.Builder builder = UnleashConfig.builder()
                .unleashAPI(settings.url())
                .appName(settings.appName())
                .instanceId(settings.instanceId())
                .environment(settings.environment())
                .fetchTogglesInterval(settings.refresh().toSeconds())
                .fetchTogglesConnectTimeout(settings.fetchTimeout())
                .fetchTogglesReadTimeout(settings.fetchTimeout())
                .sendMetricsConnectTimeout(settings.fetchTimeout())
                .sendMetricsReadTimeout(settings.fetchTimeout())
                .backupFile(settings.backupFile().toString())
                .toggleBootstrapProvider(BootstrapState.fromResource(settings.flagsResource()))
                .synchronousFetchOnInitialisation(false)
                // Its own executor: the library's default is a process-wide singleton that the first close() shuts
                // down, which stops every other client's polling and makes their reads throw.
                .scheduledExecutor(new UnleashScheduledExecutorImpl())
                .subscriber(tracker);
        if (!settings.token().isEmpty()) {
            builder.apiKey(settings.token());
        }
        DefaultUnleash unleash = new DefaultUnleash(builder.build());
        awaitFirstAnswer(tracker, settings.startupTimeout());
        return new UnleashFlags(unleash, settings, tracker);
    }

    // The first fetch runs in the background; wait for its answer (state, or an error) but never past the bound.
    private static void awaitFirstAnswer(StateTracker tracker, Duration bound) {
        try {
            if (!tracker.firstAnswer().await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Unleash did not answer within " + bound + ": running on the last known state");
            } else if (!tracker.fetchedSinceStart()) {
                LOG.warning("Unleash unreachable at start-up: running on the last known state (backup or flags.json)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isOn(BooleanFlag flag, FlagContext context) {
        try {
            return unleash.isEnabled(flag.name(), toUnleash(context), flag.defaultValue());
        } catch (RuntimeException e) {
            // A read must never fail a request: answer the flag's default and say so.
            LOG.log(Level.WARNING, "Evaluating " + flag.name() + " failed, answering its default", e);
            return flag.defaultValue();
        }
    }

    @Override
    public <V extends Enum<V>> V variant(VariantFlag<V> flag, FlagContext context) {
        Variant v;
        try {
            v = unleash.getVariant(flag.name(), toUnleash(context));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evaluating " + flag.name() + " failed, answering its default", e);
            return flag.defaultVariant();
        }
        if (v == null || !v.isEnabled()) {
            return flag.defaultVariant();
        }
        return flag.fromVariantName(v.getName()).orElseGet(() -> {
            LOG.log(Level.FINE, "Unknown variant {0} of {1}", new Object[] {v.getName(), flag.name()});
            return flag.defaultVariant();
        });
    }

    @Override
    public Duration stateAge() {
        return tracker.stateAge();
    }

    @Override
    public boolean fetchedSinceStart() {
        return tracker.fetchedSinceStart();
    }

    @Override
    public void close() {
        unleash.shutdown();
    }

    UnleashContext toUnleash(FlagContext c) {
        UnleashContext.Builder b = UnleashContext.builder()
                .appName(c.app() != null ? c.app() : settings.appName())
                .environment(c.environment() != null ? c.environment() : settings.environment());
        if (c.userId() != null) {
            b.userId(c.userId());
        }
        if (c.sessionId() != null) {
            b.sessionId(c.sessionId());
        }
        if (c.cluster() != null) {
            b.addProperty(FlagContext.CLUSTER_PROPERTY, c.cluster());
        }
        return b.build();
    }
}
