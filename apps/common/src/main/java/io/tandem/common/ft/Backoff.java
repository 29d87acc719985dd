package io.tandem.common.ft;

import java.time.Duration;
import java.util.random.RandomGenerator;

import io.helidon.common.config.Config;

/**
 * The house's one retry policy: how many attempts, and how long to wait before each. The wait before attempt
 * {@code n} (n >= 2) is drawn uniformly from {@code [c * (1 - jitter), c]} where {@code c = min(cap, base * 2^(n-2))}:
 * exponential, capped, and spread so that callers that failed together do not retry together. {@code jitter} 1 is
 * "full jitter" (0 to c), 0.5 "equal jitter" (c/2 to c), 0 no spread. The first attempt never waits.
 * <p>
 * Config, under each caller's {@code retry} node: {@code attempts} (the first included), {@code base},
 * {@code cap}, {@code jitter} (a fraction 0..1); a missing key takes the caller's named default.
 *
 * @param attempts how many calls at most, the first included ({@link #UNLIMITED}: never give up)
 * @param base     the wait before the second attempt, before jitter; doubled for each further attempt
 * @param cap      the longest wait, before jitter
 * @param jitter   share of the wait that is random, 0..1
 */
public record Backoff(int attempts, Duration base, Duration cap, double jitter) {
    /** For a caller that never gives up (its task is retried until it settles). */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** Doublings past this add nothing but overflow: 2^30 times any base beyond a millisecond is over any cap. */
    private static final int MAX_DOUBLINGS = 30;

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry.attempts must be at least 1, was " + attempts);
        }
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry.base must be positive, was " + base);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("retry.jitter must be a fraction from 0 to 1, was " + jitter);
        }
        // a base above the cap is a wish for a longer first wait: the cap follows it rather than failing the start
        cap = cap.compareTo(base) < 0 ? base : cap;
    }

    /**
     * Reads {@code attempts}, {@code base}, {@code cap}, {@code jitter} from a caller's {@code retry} node.
     *
     * @param node     the {@code retry} node (may be missing)
     * @param defaults the caller's named default, for each missing key
     */
    public static Backoff from(Config node, Backoff defaults) {
        return new Backoff(node.get("attempts").asInt().orElse(defaults.attempts()),
                node.get("base").as(Duration.class).orElse(defaults.base()),
                node.get("cap").as(Duration.class).orElse(defaults.cap()),
                node.get("jitter").asDouble().orElse(defaults.jitter()));
    }

    /** The same policy with another number of attempts (a caller that bounds what config may ask). */
    public Backoff withAttempts(int attempts) {
        return new Backoff(attempts, base, cap, jitter);
    }

    /** Whether a call that has made {@code attempt} attempts may make another one. */
    public boolean allowsAfter(int attempt) {
        return attempt < attempts;
    }

    /**
     * How long to wait before attempt {@code attempt} (1-based).
     *
     * @return zero for the first attempt; else the capped, jittered exponential wait
     */
    public Duration delayBefore(int attempt, RandomGenerator random) {
        return attempt <= 1 ? Duration.ZERO : delayAfterFailures(attempt - 1, random);
    }

    /**
     * How long to wait after {@code failures} consecutive failures (at least 1) before trying again: for a
     * caller that counts failures rather than attempts (a rescheduled task).
     */
    public Duration delayAfterFailures(int failures, RandomGenerator random) {
        long ceiling = ceilingMillis(Math.max(1, failures));
        long floor = Math.round(ceiling * (1 - jitter));
        return Duration.ofMillis(floor == ceiling ? ceiling : random.nextLong(floor, ceiling + 1));
    }

    /** The wait after {@code failures} failures before jitter: base doubled failures - 1 times, at most cap. */
    long ceilingMillis(int failures) {
        long baseMillis = Math.max(1, base.toMillis());
        long capMillis = Math.max(baseMillis, cap.toMillis());
        int doublings = Math.min(failures - 1, MAX_DOUBLINGS);
        return baseMillis > capMillis >> doublings ? capMillis : baseMillis << doublings;
    }
}
