package io.tandem.flags;

/**
 * A flag Tandem knows at compile time. The only instances are the constants of {@link TandemFlags}:
 * the constructors of the two kinds are package-private, so asking for a flag nobody declared does not compile.
 */
public sealed interface Flag permits BooleanFlag, VariantFlag {

    /** The flag's name in Unleash and in flags.json, e.g. {@code offer_kill_switch}. */
    String name();
}
