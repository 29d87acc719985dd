package io.tandem.common.flag;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tandem.flags.BooleanFlag;
import io.tandem.flags.Flag;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.TandemFlags;

/**
 * {@link FlagCheck} over the flags library: reads the flag on every call (the library answers from its in-memory
 * state, a few microseconds), by the user's context. Only the flags declared in {@link TandemFlags} can be read
 * this way; a flag name configured for a service that is not one of them is a start-up error.
 */
public final class FlagChecks {
    private static final Map<String, BooleanFlag> KNOWN = TandemFlags.ALL.stream()
            .filter(BooleanFlag.class::isInstance)
            .map(BooleanFlag.class::cast)
            .collect(Collectors.toMap(Flag::name, Function.identity()));

    private FlagChecks() {
    }

    public static FlagCheck of(Flags flags) {
        return (name, userId) -> flags.isOn(known(name),
                userId == null ? FlagContext.empty() : FlagContext.ofUser(userId));
    }

    /** Fails at start-up rather than at the first request when a configured flag name is not a Tandem flag. */
    public static void requireKnown(String name) {
        known(name);
    }

    private static BooleanFlag known(String name) {
        BooleanFlag flag = KNOWN.get(name);
        if (flag == null) {
            throw new IllegalArgumentException("Unknown on/off flag '" + name + "'; known: " + KNOWN.keySet());
        }
        return flag;
    }
}
