package io.tandem.flags.file;

import java.util.List;
import java.util.Map;

/**
 * An activation strategy.
 *
 * @param name        {@code flexibleRollout} or {@code default}
 * @param title       optional title shown in the Unleash UI
 * @param parameters  flexibleRollout: rollout (0..100), stickiness, groupId
 * @param constraints all must hold for the strategy to apply
 * @param variants    strategy variants, weights summing to 1000
 */
public record StrategyDefinition(String name, String title, Map<String, String> parameters,
                                 List<ConstraintDefinition> constraints, List<VariantDefinition> variants) {
    public StrategyDefinition {
        parameters = Map.copyOf(parameters);
        constraints = List.copyOf(constraints);
        variants = List.copyOf(variants);
    }
}
