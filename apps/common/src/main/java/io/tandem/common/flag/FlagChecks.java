package io.tandem.common.flag;

import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;

/**
 * {@link FlagCheck} over the flags library: reads the flag on every call (the library answers from its in-memory
 * state, in nanoseconds to microseconds), by the user's context.
 */
public final class FlagChecks {
    private FlagChecks() {
    }

    public static FlagCheck of(Flags flags) {
        return (flag, userId) -> flags.isOn(flag, userId == null ? FlagContext.empty() : FlagContext.ofUser(userId));
    }
}
