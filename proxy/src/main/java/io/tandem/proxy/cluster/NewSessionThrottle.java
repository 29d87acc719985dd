package io.tandem.proxy.cluster;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.helidon.common.config.Config;

/**
 * Refuses new sessions in the proxy, before they reach a cluster that is shedding them anyway (config node
 * {@code proxy.shedding}). It is the client-side adaptive throttling of Google's SRE book, per cluster, on new
 * sessions only: over the live window, with A the new sessions meant for the cluster and C the ones it took (sent
 * and not shed), a new session is refused locally with probability {@code max(0, (A - multiplier * C) / (A + 1))}.
 * While a cluster sheds nothing the probability is 0; while it sheds, it is sent about {@code multiplier} times what
 * it takes, so it keeps seeing enough to say when it has room again, and the rest is refused here at no cost to it.
 *
 * <p>The router asks each cluster that may take the session in turn: a session refused by one goes to the next, and
 * only when every one refuses does the proxy answer 503 {@code OVERLOADED} with {@code Retry-After} itself.
 *
 * @param enabled           whether the proxy refuses new sessions itself at all
 * @param multiplier        how many times what a shedding cluster takes it is still sent
 * @param retryAfterSeconds the {@code Retry-After} of the proxy's own refusal
 */
public record NewSessionThrottle(boolean enabled, double multiplier, int retryAfterSeconds) {
    /** On. */
    public static final boolean DEFAULT_ENABLED = true;
    /** The SRE book suggests 2; 1.5 spends less of a shedding cluster's time on refusals. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** Two seconds: long enough for the in-flight checkouts to drain a little, short enough not to lose the shopper. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

    public NewSessionThrottle {
        if (multiplier < 1) {
            throw new IllegalArgumentException("proxy.shedding.multiplier must be at least 1, got " + multiplier);
        }
    }

    /** Defaults. */
    public static NewSessionThrottle defaults() {
        return create(Config.empty());
    }

    /** Reads {@code proxy.shedding}. */
    public static NewSessionThrottle create(Config config) {
        return new NewSessionThrottle(config.get("enabled").asBoolean().orElse(DEFAULT_ENABLED),
                config.get("multiplier").asDouble().orElse(DEFAULT_MULTIPLIER),
                (int) Math.max(1, config.get("retry-after").as(Duration.class).orElse(DEFAULT_RETRY_AFTER).toSeconds()));
    }

    /**
     * Whether a new session may be sent to this cluster; counts the attempt, and the local refusal when there is one.
     *
     * @param cluster the cluster the session is meant for
     * @param random  a uniform 0..1 draw
     * @return true to send it
     */
    public boolean admit(Cluster cluster, DoubleSupplier random) {
        LiveWindow live = cluster.live();
        live.newSessionAttempt();
        if (!enabled) {
            return true;
        }
        double p = rejectProbability(live.newSessions());
        if (p > 0 && random.getAsDouble() < p) {
            live.newSessionRejectedLocally();
            return false;
        }
        return true;
    }

    /** The probability of a local refusal for these figures. */
    public double rejectProbability(LiveWindow.NewSessions s) {
        long attempts = s.attempts();
        long taken = attempts - s.localRejects() - s.sheds();
        return Math.max(0, (attempts - multiplier * taken) / (attempts + 1));
    }
}
