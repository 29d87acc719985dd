package io.tandem.flags;

import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.variant.Variant;
import io.tandem.flags.pure.PureState;
import io.tandem.flags.pure.PureToggle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Flags} over unleash-client-java: polling, backup file, flags.json bootstrap, bounded start-up. Each state
 * the client takes is also compiled for the pure-Java evaluator, which answers every flag whose definition it
 * mirrors exactly (the engine answers the rest).
 */
final class UnleashFlags implements Flags {
    private static final Logger LOG = Logger.getLogger(UnleashFlags.class.getName());

    private final CompletableFuture<Unleash> starting;
    private final FlagsSettings settings;
    private final StateTracker tracker;
    private final FlagMetrics metrics;
    private volatile Unleash unleash;
    private volatile PureState pure;

    private UnleashFlags(CompletableFuture<Unleash> starting, FlagsSettings settings, StateTracker tracker,
                         PureState initial) {
        this.starting = starting;
        this.settings = settings;
        this.tracker = tracker;
        this.pure = initial;
        this.metrics = new FlagMetrics(settings.appName(), () -> tracker.stateAge().toMillis() / 1000.0,
                this::switchedOn);
    }

    static UnleashFlags start(FlagsSettings settings) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        String bootstrap = BootstrapState.fromResource(settings.flagsResource());
        StateTracker tracker = new StateTracker(settings.backupFile());
        // Compiled even with pure evaluation off: it answers until the client is constructed.
        PureState initial = compile(BootstrapState.backup(settings.backupFile()).orElse(bootstrap));
        CompletableFuture<Unleash> starting = new CompletableFuture<>();
        UnleashFlags flags = new UnleashFlags(starting, settings, tracker, initial);
        // Everything that listens is in place before the client starts, so no fetched state can be missed.
        tracker.onNewState(json -> {
            if (settings.pureEvaluation()) {
                flags.pure = compile(json);
            }
        });
        starting.thenAccept(u -> flags.unleash = u);
        ClientStarter.start(settings, bootstrap, tracker, starting);
        flags.awaitStart(deadline);
        return flags;
    }

    // Wait for the client and its first fetch (state, or an error) but never past the bound.
    private void awaitStart(long deadline) {
        try {
            starting.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!tracker.firstAnswer().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warning(() -> "Unleash did not answer within " + settings.startupTimeout()
                        + ": running on the last known state");
            } else if (!tracker.fetchedSinceStart()) {
                LOG.warning("Unleash unreachable at start-up: running on the last known state (backup or flags.json)");
            }
        } catch (TimeoutException e) {
            LOG.warning(() -> "Unleash client not started within " + settings.startupTimeout()
                    + ": running on the last known state (backup or flags.json) meanwhile");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot start the Unleash client", e.getCause());
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

    // The environment switch from the last state compiled for pure evaluation; the default when there is none.
    private boolean switchedOn(Flag flag) {
        PureState state = pure;
        PureToggle toggle = state == null ? null : state.toggle(flag.name());
        return toggle == null ? flag instanceof BooleanFlag b && b.defaultValue() : toggle.switchedOn();
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

    // Pure Java when on, and always while the client is still starting; the engine for what pure Java leaves to it.
    private PureState pureFor(Unleash u) {
        return settings.pureEvaluation() || u == null ? pure : null;
    }

    private boolean evaluate(BooleanFlag flag, FlagContext context) {
        try {
            Unleash u = unleash;
            PureState state = pureFor(u);
            if (state != null && state.supports(flag.name())) {
                PureToggle toggle = state.toggle(flag.name());
                return toggle == null ? flag.defaultValue() : toggle.isEnabled(withDefaults(context));
            }
            return u == null ? flag.defaultValue() : u.isEnabled(flag.name(), toUnleash(context), flag.defaultValue());
        } catch (RuntimeException e) {
            // A read must never fail a request: answer the flag's default and say so.
            LOG.log(Level.WARNING, "Evaluating " + flag.name() + " failed, answering its default", e);
            return flag.defaultValue();
        }
    }

    private <V extends Enum<V>> V evaluate(VariantFlag<V> flag, FlagContext context) {
        String name;
        try {
            Unleash u = unleash;
            PureState state = pureFor(u);
            if (state != null && state.supports(flag.name())) {
                PureToggle toggle = state.toggle(flag.name());
                if (toggle == null) {
                    return flag.defaultVariant();
                }
                var chosen = toggle.variant(withDefaults(context));
                name = chosen.enabled() ? chosen.name() : null;
            } else if (u == null) {
                return flag.defaultVariant();
            } else {
                Variant v = u.getVariant(flag.name(), toUnleash(context));
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
        starting.thenAccept(Unleash::shutdown);
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
