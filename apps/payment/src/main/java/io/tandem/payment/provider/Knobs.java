package io.tandem.payment.provider;

import java.util.Set;

import io.helidon.common.config.Config;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The simulator's failure knobs.
 *
 * @param latencyMillis      added to every answer
 * @param slowFirstAttempts  the first N requests of each idempotency key answer only after {@code slowMillis}
 *                           more: the charge is made at once, the answer comes late (a timeout that hides a
 *                           charge that did happen, the case idempotency keys exist for)
 * @param slowMillis         the extra delay of those first attempts
 * @param errorRate          0..1: share of requests answered 500 before anything is done
 * @param declineRate        0..1: share of charges declined whatever the card
 * @param declinedCards      card tokens that are always declined
 */
public record Knobs(long latencyMillis, int slowFirstAttempts, long slowMillis, double errorRate, double declineRate,
                    Set<String> declinedCards) {
    public static final Set<String> DEFAULT_DECLINED_CARDS = Set.of("tok_declined", "tok_insufficient_funds");

    public static Knobs none() {
        return new Knobs(0, 0, 0, 0, 0, DEFAULT_DECLINED_CARDS);
    }

    public static Knobs fromConfig(Config config) {
        return new Knobs(config.get("latency-millis").asLong().orElse(0L),
                config.get("slow-first-attempts").asInt().orElse(0),
                config.get("slow-millis").asLong().orElse(0L),
                config.get("error-rate").asDouble().orElse(0.0),
                config.get("decline-rate").asDouble().orElse(0.0),
                config.get("declined-cards").asList(String.class).map(Set::copyOf).orElse(DEFAULT_DECLINED_CARDS));
    }

    /** These knobs with the fields present in {@code json} replaced; a wrong value is an IllegalArgumentException. */
    public Knobs with(JsonObject json) {
        return new Knobs(
                json.containsKey("latencyMillis") ? nonNegative(json.getJsonNumber("latencyMillis").longValue()) : latencyMillis,
                json.containsKey("slowFirstAttempts") ? (int) nonNegative(json.getInt("slowFirstAttempts")) : slowFirstAttempts,
                json.containsKey("slowMillis") ? nonNegative(json.getJsonNumber("slowMillis").longValue()) : slowMillis,
                json.containsKey("errorRate") ? rate(json.getJsonNumber("errorRate").doubleValue()) : errorRate,
                json.containsKey("declineRate") ? rate(json.getJsonNumber("declineRate").doubleValue()) : declineRate,
                json.containsKey("declinedCards")
                        ? Set.copyOf(json.getJsonArray("declinedCards").getValuesAs(JsonString::getString))
                        : declinedCards);
    }

    public JsonObject toJson() {
        var cards = Jsons.JSON.createArrayBuilder();
        declinedCards.stream().sorted().forEach(cards::add);
        return Jsons.JSON.createObjectBuilder()
                .add("latencyMillis", latencyMillis)
                .add("slowFirstAttempts", slowFirstAttempts)
                .add("slowMillis", slowMillis)
                .add("errorRate", errorRate)
                .add("declineRate", declineRate)
                .add("declinedCards", cards)
                .build();
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative: " + value);
        }
        return value;
    }

    private static double rate(double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("rate must be 0..1: " + value);
        }
        return value;
    }
}
