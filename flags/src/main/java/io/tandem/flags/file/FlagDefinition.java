package io.tandem.flags.file;

import java.util.List;

/**
 * One flag of flags.json.
 *
 * @param name        flag name in Unleash
 * @param type        Unleash flag type: release, kill-switch, operational, experiment or permission
 * @param description what the flag does when on
 * @param readBy      who reads it (documentation for ops)
 * @param enabled     on/off when created (and in a client booted from the file)
 * @param strategies  activation strategies, evaluated in order
 */
public record FlagDefinition(String name, String type, String description, List<String> readBy, boolean enabled,
                             List<StrategyDefinition> strategies) {
    public FlagDefinition {
        readBy = List.copyOf(readBy);
        strategies = List.copyOf(strategies);
    }

    /** Names of all variants any strategy can give, in first-seen order. */
    public List<String> variantNames() {
        return strategies.stream().flatMap(s -> s.variants().stream()).map(VariantDefinition::name).distinct().toList();
    }
}
