package io.tandem.flags;

/**
 * An on/off flag with the value used when no flag state is known at all. Only {@link TandemFlags} creates them.
 */
public final class BooleanFlag implements Flag {
    private final String name;
    private final boolean defaultValue;

    BooleanFlag(String name, boolean defaultValue) {
        this.name = FlagNames.requireValid(name);
        this.defaultValue = defaultValue;
    }

    @Override
    public String name() {
        return name;
    }

    /** Value when the flag is absent from the state (never reached while flags.json boots the client). */
    public boolean defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
