package io.tandem.common.flag;

import io.tandem.flags.BooleanFlag;

/**
 * Is a flag on for this caller? A seam between the services and the flags library ({@code io.tandem.flags}), so
 * the services read a flag on every request without knowing how flags are stored. Flags are typed (a constant of
 * {@link io.tandem.flags.TandemFlags}): a flag nobody declared does not compile.
 */
@FunctionalInterface
public interface FlagCheck {
    /**
     * @param flag   the flag, e.g. {@code TandemFlags.OFFER_KILL_SWITCH}
     * @param userId the caller, or null (for rollouts by user)
     * @return whether the flag is on
     */
    boolean isOn(BooleanFlag flag, String userId);

    /** Every flag off: for a service started without a flag source. */
    static FlagCheck allOff() {
        return (flag, userId) -> false;
    }
}
