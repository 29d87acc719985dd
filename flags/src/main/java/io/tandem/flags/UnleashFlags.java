package io.tandem.flags;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.getunleash.util.UnleashScheduledExecutorImpl;
import io.getunleash.variant.Variant;
import io.tandem.flags.pure.PureState;
import io.tandem.flags.pure.PureToggle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Flags} over unleash-client-java: polling, backup file, flags.json bootstrap, bounded start-up. Each state
 * the client takes is also compiled for the pure-Java evaluator, which answers every flag whose definition it
 * mirrors exactly (the engine answers the rest).
 */
final class UnleashFlags implements Flags {
    private static final Logger LOG = Logger.getLogger(UnleashFlags.class.getName());

    private final Unleash unleash;
    private final FlagsSettings settings;
    private final StateTracker tracker;
    private final FlagMetrics metrics;
    private volatile PureState pure;

    private UnleashFlags(Unleash unleash, FlagsSettings settings, StateTracker tracker, PureState initial) {
        this.unleash = unleash;
        this.settings = settings;
        this.tracker = tracker;
        this.pure = initial;
        this.metrics = new FlagMetrics(settings.appName(), () -> tracker.stateAge().toMillis() / 1000.0);
    }

    static UnleashFlags start(FlagsSettings settings) {
        String bootstrap = BootstrapState.fromResource(settings.flagsResource());
        StateTracker tracker = new StateTracker(settings.backupFile());
        PureState initial = settings.pureEvaluation()
                ? compile(BootstrapState.backup(settings.backupFile()).orElse(bootstrap))
                : null;
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
                .toggleBootstrapProvider(() -> Optional.of(bootstrap))
                .synchronousFetchOnInitialisation(false)
                // Its own executor: the library's default is a process-wide singleton that the first close() shuts
                // down, which stops every other client's polling and makes their reads throw.
                .scheduledExecutor(new UnleashScheduledExecutorImpl())
                .subscriber(tracker);
        if (!settings.token().isEmpty()) {
            builder.apiKey(settings.token());
        }
        // Listen before the client starts, so the first fetched state reaches the pure evaluator.
        UnleashFlags[] self = new UnleashFlags[1];
        tracker.onNewState(json -> {
            if (self[0] != null && settings.pureEvaluation()) {
                self[0].pure = compile(json);
            }
        });
        DefaultUnleash unleash = new DefaultUnleash(builder.build());
        self[0] = new UnleashFlags(unleash, settings, tracker, initial);
        awaitFirstAnswer(tracker, settings.startupTimeout());
        return self[0];
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

    // A state the pure evaluator cannot read leaves every flag to the engine.
    private static PureState compile(String json) {
        try {
            return PureState.compile(json);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Flag state not readable by the pure evaluator: the engine answers", e);
            return null;
        }
    }

    @Override
    public boolean isOn(BooleanFlag flag, FlagContext context) {
        boolean on = evaluate(flag, context);
        metrics.counted(flag, on);
        return on;
    }

    @Override
    public <V extends Enum<V>> V variant(VariantFlag<V> flag, FlagContext context) {
        V v = evaluate(flag, context);
        metrics.counted(flag, v);
        return v;
    }

    private boolean evaluate(BooleanFlag flag, FlagContext context) {
        try {
            PureState state = pure;
            if (state != null && state.supports(flag.name())) {
                PureToggle toggle = state.toggle(flag.name());
                return toggle == null ? flag.defaultValue() : toggle.isEnabled(withDefaults(context));
            }
            return unleash.isEnabled(flag.name(), toUnleash(context), flag.defaultValue());
        } catch (RuntimeException e) {
            // A read must never fail a request: answer the flag's default and say so.
            LOG.log(Level.WARNING, "Evaluating " + flag.name() + " failed, answering its default", e);
            return flag.defaultValue();
        }
    }

    private <V extends Enum<V>> V evaluate(VariantFlag<V> flag, FlagContext context) {
        String name;
        try {
            PureState state = pure;
            if (state != null && state.supports(flag.name())) {
                PureToggle toggle = state.toggle(flag.name());
                if (toggle == null) {
                    return flag.defaultVariant();
                }
                var chosen = toggle.variant(withDefaults(context));
                name = chosen.enabled() ? chosen.name() : null;
            } else {
                Variant v = unleash.getVariant(flag.name(), toUnleash(context));
                name = v != null && v.isEnabled() ? v.getName() : null;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evaluating " + flag.name() + " failed, answering its default", e);
            return flag.defaultVariant();
        }
        if (name == null) {
            return flag.defaultVariant();
        }
        return flag.fromVariantName(name).orElseGet(() -> {
            LOG.log(Level.FINE, "Unknown variant {0} of {1}", new Object[] {name, flag.name()});
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
        metrics.close();
        unleash.shutdown();
    }

    // The client fills app and environment from its config; the pure evaluator must see the same context.
    private FlagContext withDefaults(FlagContext c) {
        return c.withDefaults(settings.appName(), settings.environment());
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
