package io.tandem.flags.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unleash's variant selection, in pure Java: overrides first (variants in order, each override in order, first
 * match wins), then {@code murmur3(groupId:stickinessValue, 86028157) % totalWeight + 1} walked over the
 * cumulative weights. Built once per flag state, then read per request without allocation.
 */
public final class WeightedVariants {
    private final String groupId;
    private final String[] names;
    private final int[] cumulative;
    private final int totalWeight;
    private final String stickiness;
    private final Override[] overrides;

    private WeightedVariants(String groupId, List<VariantSpec> variants) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.names = new String[variants.size()];
        this.cumulative = new int[variants.size()];
        List<Override> flatOverrides = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec v = variants.get(i);
            if (v.weight() < 0) {
                throw new IllegalArgumentException("Variant " + v.name() + " has a negative weight");
            }
            names[i] = v.name();
            sum += v.weight();
            cumulative[i] = sum;
            for (VariantOverride o : v.overrides()) {
                flatOverrides.add(new Override(o.contextName(), Set.copyOf(o.values()), i));
            }
        }
        this.totalWeight = sum;
        this.stickiness = variants.isEmpty() ? null : variants.get(0).stickiness();
        this.overrides = flatOverrides.toArray(Override[]::new);
    }

    /**
     * Variants of one flag or strategy.
     *
     * @param groupId  the flag name for flag variants, the strategy's groupId for strategy variants
     * @param variants in the order Unleash sends them (the order matters for overrides and weights)
     */
    public static WeightedVariants of(String groupId, List<VariantSpec> variants) {
        return new WeightedVariants(groupId, List.copyOf(variants));
    }

    /** Index of the chosen variant, or -1 when there is none (no variants, or all weights zero). */
    public int select(UnleashFields context) {
        for (Override o : overrides) {
            String value = context.field(o.contextName());
            if (value != null && o.values().contains(value)) {
                return o.variant();
            }
        }
        if (totalWeight <= 0) {
            return -1;
        }
        String seed = ContextFields.stickinessValue(stickiness, context);
        int target = seed == null
                ? ThreadLocalRandom.current().nextInt(totalWeight) + 1
                : Buckets.variantTarget(groupId, seed, totalWeight);
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= target) {
                return i;
            }
        }
        return -1;
    }

    /** Name of the variant chosen for a user (no other context), or null when there is none. */
    public String selectForUser(String userId) {
        int i = select(new UserOnly(userId));
        return i < 0 ? null : names[i];
    }

    /** Name of the variant at an index returned by {@link #select(UnleashFields)}. */
    public String name(int index) {
        return names[index];
    }

    /** Number of variants. */
    public int size() {
        return names.length;
    }

    /** Sum of the weights. */
    public int totalWeight() {
        return totalWeight;
    }

    /**
     * One variant as Unleash defines it.
     *
     * @param name       variant name
     * @param weight     weight (Unleash variants of a flag sum to 1000)
     * @param stickiness stickiness ("default", "userId", ...); only the first variant's counts, as in Unleash
     * @param overrides  context values that force this variant
     */
    public record VariantSpec(String name, int weight, String stickiness, List<VariantOverride> overrides) {
        public VariantSpec {
            Objects.requireNonNull(name, "name");
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }

        /** A variant with default stickiness and no overrides. */
        public static VariantSpec of(String name, int weight) {
            return new VariantSpec(name, weight, null, List.of());
        }
    }

    /**
     * Context values that force a variant, e.g. {@code userId in [u1, u2]}.
     *
     * @param contextName Unleash context field name
     * @param values      values that match
     */
    public record VariantOverride(String contextName, List<String> values) {
        public VariantOverride {
            Objects.requireNonNull(contextName, "contextName");
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    private record Override(String contextName, Set<String> values, int variant) {
    }

    private record UserOnly(String userId) implements UnleashFields {
        @java.lang.Override
        public String sessionId() {
            return null;
        }

        @java.lang.Override
        public String field(String contextName) {
            return "userId".equals(contextName) ? userId : null;
        }
    }
}
