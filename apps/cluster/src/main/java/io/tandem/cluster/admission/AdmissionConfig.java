package io.tandem.cluster.admission;

import java.time.Duration;
import java.util.List;

import io.helidon.config.Config;

/**
 * Admission control's settings (config node {@code admission}); every number has a named default. See the module
 * README, "Admission control".
 *
 * @param enabled          off: every request is admitted (and still counted)
 * @param algorithm        {@code gradient2} (adapts to latency) or {@code fixed} (the limit is {@code limit.initial})
 * @param initialLimit     the limit at start
 * @param minLimit         the limit never falls below this
 * @param maxLimit         the limit never grows above this
 * @param rttTolerance     how much slower than the no-load latency requests may get before the limit shrinks
 * @param smoothing        how fast the limit moves towards a new estimate (0..1)
 * @param longWindow       samples in the long-term (no-load) latency average
 * @param queueSize        headroom the limit keeps above its latency estimate, so it can grow
 * @param window           the shortest time over which latency samples are averaged before the limit moves
 * @param windowSize       the fewest samples averaged before the limit moves
 * @param newSessionShare  new sessions are admitted only while fewer than this share of the limit is in flight
 * @param newSessionLatencyTarget new sessions are refused while checkout work takes longer than this at its
 *                         {@code newSessionLatencyQuantile} over {@code latencyWindow}; zero switches that off
 * @param newSessionLatencyQuantile the quantile of checkout work's latency compared with that target
 * @param latencyWindow    how far back that quantile looks
 * @param latencyMinSamples fewer samples than this in the window say nothing (the gate stays open)
 * @param rampGrowth       while busy, one second's new sessions are at most this multiple of the second before's
 * @param rampFloor        while busy, new sessions per second let through whatever the second before's
 * @param rampBusyShare    busy: checkout work's latency quantile at or above this share of the target (the target
 *                         zero: never)
 * @param retryAfter       what a refusal tells the client to wait
 * @param bypass           path prefixes that are never counted nor refused (probes, metrics, admin)
 * @param continuations    {@code METHOD /path} of calls that continue a checkout before it has a session key
 */
public record AdmissionConfig(boolean enabled, String algorithm, int initialLimit, int minLimit, int maxLimit,
                              double rttTolerance, double smoothing, int longWindow, int queueSize, Duration window,
                              int windowSize, double newSessionShare, Duration newSessionLatencyTarget,
                              double newSessionLatencyQuantile, Duration latencyWindow, int latencyMinSamples,
                              double rampGrowth, int rampFloor, double rampBusyShare, Duration retryAfter,
                              List<String> bypass, List<String> continuations) {
    public static final boolean DEFAULT_ENABLED = true;
    public static final String DEFAULT_ALGORITHM = "gradient2";
    /** Above what a warm cluster runs at its capacity here (a handful in flight), so nothing is refused early. */
    public static final int DEFAULT_INITIAL_LIMIT = 12;
    /** Even a cluster that is very slow keeps a few checkouts moving. */
    public static final int DEFAULT_MIN_LIMIT = 6;
    /**
     * The most requests in flight the gradient may allow. On this 2-core machine the limit settled at 30 under 3x
     * overload and admitted checkouts' place p99 was 2.3 s: more in flight only queued on the CPU (chaos overload).
     */
    public static final int DEFAULT_MAX_LIMIT = 16;
    /** Netflix's default is 1.5; a cluster's routes differ in cost, so the mix alone moves latency by about that. */
    public static final double DEFAULT_RTT_TOLERANCE = 2.0;
    public static final double DEFAULT_SMOOTHING = 0.2;
    public static final int DEFAULT_LONG_WINDOW = 600;
    public static final int DEFAULT_QUEUE_SIZE = 4;
    public static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);
    public static final int DEFAULT_WINDOW_SIZE = 10;
    /** Half the limit for new sessions: the other half is kept for checkouts under way. */
    public static final double DEFAULT_NEW_SESSION_SHARE = 0.5;
    /**
     * A checkout's calls take tens of milliseconds on a warm cluster with room; when one in ten takes longer than this,
     * the CPU is queueing them, and a new session would wait there too (chaos overload: admitted place p99 1.7 s
     * without any latency gate).
     */
    public static final Duration DEFAULT_NEW_SESSION_LATENCY_TARGET = Duration.ofMillis(250);
    /** The tail, not the median: a median of 250 ms stayed under its target while place p99 neared 1 s. */
    public static final double DEFAULT_NEW_SESSION_LATENCY_QUANTILE = 0.9;
    /**
     * Short, so the gate answers a rise within a second: with 2 s, under 3x overload admitted place p99 was 0.6-1.9 s
     * over three runs at the 250 ms target (median 1.03 s); with 1 s and the ramp 0.55-2.1 s over six (median
     * 0.71 s). Better medians over few runs, not a proven gain (apps/drill README, "chaos overload, the gate's
     * decision").
     */
    public static final Duration DEFAULT_LATENCY_WINDOW = Duration.ofSeconds(1);
    /** A second of a quiet cluster (a test, a probe's user) holds too few checkout calls to judge a tail by. */
    public static final int DEFAULT_LATENCY_MIN_SAMPLES = 20;
    /**
     * Slow start: 4, 6, 9, 14, 21 new sessions in consecutive busy seconds. The latency gate answers an admission 1-3 s
     * later, so a rise of 1.5x a second overshoots what it would have stopped by about 2x at most, where without a
     * bound a gate that opened let the whole offered rate in (3x the capacity under overload).
     */
    public static final double DEFAULT_RAMP_GROWTH = 1.5;
    /** Per cluster: a busy cluster still starts a few checkouts a second (and grows back from there). */
    public static final int DEFAULT_RAMP_FLOOR = 4;
    /** Busy from half the target on (the latency reads in powers of two: 128 ms and over for a 250 ms target). */
    public static final double DEFAULT_RAMP_BUSY_SHARE = 0.5;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final List<String> DEFAULT_BYPASS = List.of("/observe/", "/health/", "/admin/", "/openapi/", "/v1/cluster");
    /** An ATC shopper's checkout call: their cart already exists on this cluster (A), only the key is not issued yet. */
    public static final List<String> DEFAULT_CONTINUATIONS = List.of("POST /v1/carts/me/checkout");

    public AdmissionConfig {
        if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("admission.limit: need 1 <= min <= initial <= max, got min " + minLimit
                    + ", initial " + initialLimit + ", max " + maxLimit);
        }
        if (newSessionShare <= 0 || newSessionShare > 1) {
            throw new IllegalArgumentException("admission.new-session-share must be in (0, 1], got " + newSessionShare);
        }
        if (newSessionLatencyTarget.isNegative() || latencyWindow.isNegative() || latencyWindow.isZero()) {
            throw new IllegalArgumentException("admission: new-session-latency-target must be >= 0 and latency-window > 0");
        }
        if (!(newSessionLatencyQuantile > 0 && newSessionLatencyQuantile <= 1) || latencyMinSamples < 1) {
            throw new IllegalArgumentException("admission: new-session-latency-quantile must be in (0, 1] and"
                    + " latency-min-samples >= 1, got " + newSessionLatencyQuantile + " and " + latencyMinSamples);
        }
        if (!(rampGrowth > 1) || rampFloor < 1 || !(rampBusyShare > 0 && rampBusyShare <= 1)) {
            throw new IllegalArgumentException("admission.new-session-ramp: growth must be > 1, floor >= 1 and"
                    + " busy-share in (0, 1], got " + rampGrowth + ", " + rampFloor + " and " + rampBusyShare);
        }
        if (!algorithm.equals("gradient2") && !algorithm.equals("fixed")) {
            throw new IllegalArgumentException("admission.limit.algorithm: gradient2 or fixed, got " + algorithm);
        }
        bypass = List.copyOf(bypass);
        continuations = List.copyOf(continuations);
    }

    /** Every default. */
    public static AdmissionConfig defaults() {
        return create(Config.empty());
    }

    /**
     * Reads the {@code admission} node.
     *
     * @param admission the node (may be missing: defaults)
     * @return settings
     */
    public static AdmissionConfig create(Config admission) {
        Config limit = admission.get("limit");
        return new AdmissionConfig(
                admission.get("enabled").asBoolean().orElse(DEFAULT_ENABLED),
                limit.get("algorithm").asString().orElse(DEFAULT_ALGORITHM),
                limit.get("initial").asInt().orElse(DEFAULT_INITIAL_LIMIT),
                limit.get("min").asInt().orElse(DEFAULT_MIN_LIMIT),
                limit.get("max").asInt().orElse(DEFAULT_MAX_LIMIT),
                limit.get("rtt-tolerance").asDouble().orElse(DEFAULT_RTT_TOLERANCE),
                limit.get("smoothing").asDouble().orElse(DEFAULT_SMOOTHING),
                limit.get("long-window").asInt().orElse(DEFAULT_LONG_WINDOW),
                limit.get("queue-size").asInt().orElse(DEFAULT_QUEUE_SIZE),
                limit.get("window").as(Duration.class).orElse(DEFAULT_WINDOW),
                limit.get("window-size").asInt().orElse(DEFAULT_WINDOW_SIZE),
                admission.get("new-session-share").asDouble().orElse(DEFAULT_NEW_SESSION_SHARE),
                admission.get("new-session-latency-target").as(Duration.class).orElse(DEFAULT_NEW_SESSION_LATENCY_TARGET),
                admission.get("new-session-latency-quantile").asDouble().orElse(DEFAULT_NEW_SESSION_LATENCY_QUANTILE),
                admission.get("latency-window").as(Duration.class).orElse(DEFAULT_LATENCY_WINDOW),
                admission.get("latency-min-samples").asInt().orElse(DEFAULT_LATENCY_MIN_SAMPLES),
                admission.get("new-session-ramp.growth").asDouble().orElse(DEFAULT_RAMP_GROWTH),
                admission.get("new-session-ramp.floor").asInt().orElse(DEFAULT_RAMP_FLOOR),
                admission.get("new-session-ramp.busy-share").asDouble().orElse(DEFAULT_RAMP_BUSY_SHARE),
                admission.get("retry-after").as(Duration.class).orElse(DEFAULT_RETRY_AFTER),
                admission.get("bypass").asList(String.class).orElse(DEFAULT_BYPASS),
                admission.get("continuations").asList(String.class).orElse(DEFAULT_CONTINUATIONS));
    }
}
