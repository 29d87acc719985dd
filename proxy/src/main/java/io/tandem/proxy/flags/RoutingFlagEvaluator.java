package io.tandem.proxy.flags;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.tandem.flags.bucket.Buckets;
import io.tandem.flags.bucket.WeightedVariants;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The routing flag's state, evaluated in pure Java per request (no JNI, no allocation on the common path): the
 * first strategy that is on for the user picks the variant with the flags module's Unleash-exact bucketing.
 * Covers what a routing flag uses: {@code flexibleRollout} and {@code default} strategies, userId constraints
 * ({@code IN}, {@code NOT_IN}, inverted, case-insensitive), strategy variants, then flag variants. A strategy of
 * any other kind, or a constraint on another field, never matches, so the user falls to a later strategy or to
 * the primary: unknown rules do not send anyone to B.
 */
final class RoutingFlagEvaluator {
    private final String flagName;
    private final boolean enabled;
    private final List<Strategy> strategies;
    private final WeightedVariants flagVariants;
    private final String summary;

    private RoutingFlagEvaluator(String flagName, boolean enabled, List<Strategy> strategies,
                                 WeightedVariants flagVariants, String summary) {
        this.flagName = flagName;
        this.enabled = enabled;
        this.strategies = strategies;
        this.flagVariants = flagVariants;
        this.summary = summary;
    }

    /** A flag nobody defined: off, everyone on the primary. */
    static RoutingFlagEvaluator absent(String flagName) {
        return new RoutingFlagEvaluator(flagName, false, List.of(), null, "absent");
    }

    /** From one feature of Unleash's client API JSON. */
    static RoutingFlagEvaluator of(JsonObject feature) {
        String name = feature.get("name").getAsString();
        boolean enabled = feature.has("enabled") && feature.get("enabled").getAsBoolean();
        List<Strategy> strategies = new ArrayList<>();
        StringBuilder summary = new StringBuilder(enabled ? "on" : "off");
        for (JsonElement e : array(feature, "strategies")) {
            JsonObject s = e.getAsJsonObject();
            if (s.has("disabled") && s.get("disabled").getAsBoolean()) {
                continue;
            }
            Strategy strategy = Strategy.of(name, s);
            strategies.add(strategy);
            summary.append("; ").append(strategy.describe());
        }
        List<WeightedVariants.VariantSpec> flagSpecs = variants(array(feature, "variants"));
        WeightedVariants flagVariants = flagSpecs.isEmpty() ? null : WeightedVariants.of(name, flagSpecs);
        return new RoutingFlagEvaluator(name, enabled, List.copyOf(strategies), flagVariants, summary.toString());
    }

    /**
     * The variant for a user.
     *
     * @param userId the verified user id
     * @return the variant name, or null when the flag is off for the user or gives no variant
     */
    String variantFor(String userId) {
        if (!enabled) {
            return null;
        }
        for (int i = 0; i < strategies.size(); i++) {
            Strategy s = strategies.get(i);
            if (s.isOnFor(userId)) {
                WeightedVariants variants = s.variants != null ? s.variants : flagVariants;
                return variants == null ? null : variants.selectForUser(userId);
            }
        }
        return null;
    }

    String flagName() {
        return flagName;
    }

    String describe() {
        return flagName + ": " + summary;
    }

    private static JsonArray array(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonArray() ? o.getAsJsonArray(field) : new JsonArray();
    }

    private static List<WeightedVariants.VariantSpec> variants(JsonArray array) {
        List<WeightedVariants.VariantSpec> specs = new ArrayList<>();
        for (JsonElement e : array) {
            JsonObject v = e.getAsJsonObject();
            List<WeightedVariants.VariantOverride> overrides = new ArrayList<>();
            for (JsonElement oe : array(v, "overrides")) {
                JsonObject o = oe.getAsJsonObject();
                List<String> values = new ArrayList<>();
                array(o, "values").forEach(x -> values.add(x.getAsString()));
                overrides.add(new WeightedVariants.VariantOverride(o.get("contextName").getAsString(), values));
            }
            specs.add(new WeightedVariants.VariantSpec(v.get("name").getAsString(), v.get("weight").getAsInt(),
                    v.has("stickiness") ? v.get("stickiness").getAsString() : null, overrides));
        }
        return specs;
    }

    private record Constraint(String contextName, boolean in, Set<String> values, boolean inverted,
                              boolean caseInsensitive, boolean supported) {
        static Constraint of(JsonObject c) {
            String field = c.get("contextName").getAsString();
            String operator = c.get("operator").getAsString();
            boolean caseInsensitive = c.has("caseInsensitive") && c.get("caseInsensitive").getAsBoolean();
            Set<String> values = new HashSet<>();
            array(c, "values").forEach(v -> values.add(caseInsensitive ? v.getAsString().toLowerCase(Locale.ROOT)
                    : v.getAsString()));
            boolean supported = field.equals("userId") && (operator.equals("IN") || operator.equals("NOT_IN"));
            return new Constraint(field, operator.equals("IN"), Set.copyOf(values),
                    c.has("inverted") && c.get("inverted").getAsBoolean(), caseInsensitive, supported);
        }

        boolean matches(String userId) {
            if (!supported) {
                return false;
            }
            String value = caseInsensitive && userId != null ? userId.toLowerCase(Locale.ROOT) : userId;
            boolean contained = value != null && values.contains(value);
            boolean result = in == contained;
            return inverted != result;
        }
    }

    private static final class Strategy {
        private final String name;
        private final int rollout;
        private final String stickiness;
        private final String groupId;
        private final Constraint[] constraints;
        private final WeightedVariants variants;
        private final String variantText;

        private Strategy(String name, int rollout, String stickiness, String groupId, Constraint[] constraints,
                         WeightedVariants variants, String variantText) {
            this.name = name;
            this.rollout = rollout;
            this.stickiness = stickiness;
            this.groupId = groupId;
            this.constraints = constraints;
            this.variants = variants;
            this.variantText = variantText;
        }

        static Strategy of(String flagName, JsonObject s) {
            String name = s.get("name").getAsString();
            JsonObject p = s.has("parameters") && s.get("parameters").isJsonObject()
                    ? s.getAsJsonObject("parameters") : new JsonObject();
            int rollout = name.equals("default") ? 100 : parseRollout(p);
            String stickiness = p.has("stickiness") ? p.get("stickiness").getAsString() : "default";
            String groupId = p.has("groupId") && !p.get("groupId").getAsString().isEmpty()
                    ? p.get("groupId").getAsString() : flagName;
            List<Constraint> constraints = new ArrayList<>();
            array(s, "constraints").forEach(c -> constraints.add(Constraint.of(c.getAsJsonObject())));
            List<WeightedVariants.VariantSpec> specs = variants(array(s, "variants"));
            boolean known = name.equals("default") || name.equals("flexibleRollout");
            return new Strategy(known ? name : "unsupported:" + name, known ? rollout : 0, stickiness, groupId,
                    constraints.toArray(Constraint[]::new), specs.isEmpty() ? null : WeightedVariants.of(groupId, specs),
                    String.join(" ", specs.stream().map(v -> v.name() + "=" + v.weight()).toList()));
        }

        boolean isOnFor(String userId) {
            if (rollout <= 0) {
                return false;
            }
            for (Constraint c : constraints) {
                if (!c.matches(userId)) {
                    return false;
                }
            }
            if (rollout >= 100) {
                return true;
            }
            String value = switch (stickiness) {
                case "default", "userId" -> userId;
                case "random" -> Integer.toString(ThreadLocalRandom.current().nextInt());
                default -> null;
            };
            return value != null && Buckets.inRollout(rollout, groupId, value);
        }

        String describe() {
            StringBuilder b = new StringBuilder(name).append(' ').append(rollout).append('%');
            for (Constraint c : constraints) {
                b.append(" if ").append(c.contextName()).append(c.inverted() ? " not " : " ")
                        .append(c.in() ? "IN " : "NOT_IN ").append(c.values().size()).append(" values");
            }
            if (variants != null) {
                b.append(" -> ").append(variantText);
            }
            return b.toString();
        }

        private static int parseRollout(JsonObject p) {
            try {
                return p.has("rollout") ? Integer.parseInt(p.get("rollout").getAsString().trim()) : 100;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
