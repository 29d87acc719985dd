package io.tandem.flags;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A flag whose answer is one constant of an enum; each constant's lower-case name is the Unleash variant name
 * ({@code ClusterVariant.B} is variant {@code b}). Only {@link TandemFlags} creates them.
 *
 * @param <V> the enum of the variants
 */
public final class VariantFlag<V extends Enum<V>> implements Flag {
    private final String name;
    private final Class<V> type;
    private final V defaultVariant;
    private final List<V> constants;
    // The variant names, computed once: fromVariantName runs on hot paths (the proxy, per new session).
    private final List<String> names;

    VariantFlag(String name, Class<V> type, V defaultVariant) {
        this.name = FlagNames.requireValid(name);
        this.type = type;
        this.defaultVariant = defaultVariant;
        this.constants = List.of(type.getEnumConstants());
        this.names = constants.stream().map(VariantFlag::variantName).toList();
    }

    /**
     * The same flag under another name: for a test that must not switch the shared flag under other people's
     * tests, so it reads a throw-away copy of the same shape (the proxy's {@code UnleashRoutingIT}). Services read
     * the constants of {@link TandemFlags}.
     *
     * @param otherName the throw-away flag's name in Unleash
     * @return a flag with this one's variants and default
     */
    public VariantFlag<V> standIn(String otherName) {
        return new VariantFlag<>(otherName, type, defaultVariant);
    }

    @Override
    public String name() {
        return name;
    }

    /** The enum of the variants. */
    public Class<V> type() {
        return type;
    }

    /** Answer when the flag is off, unknown, or names a variant this build does not know. */
    public V defaultVariant() {
        return defaultVariant;
    }

    /** Unleash variant names, in the enum's order. */
    public List<String> variantNames() {
        return names;
    }

    /** The enum constant for an Unleash variant name, empty for a name this build does not know. */
    public Optional<V> fromVariantName(String variantName) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(variantName)) {
                return Optional.of(constants.get(i));
            }
        }
        return Optional.empty();
    }

    /** The Unleash variant name of an enum constant. */
    public static String variantName(Enum<?> variant) {
        return variant.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
