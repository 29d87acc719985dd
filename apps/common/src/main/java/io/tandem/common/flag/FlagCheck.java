package io.tandem.common.flag;

/**
 * Is a named flag on for this caller? A seam between the services and the flags library ({@code io.tandem.flags}),
 * so the services read a flag on every request without knowing how flags are stored.
 */
@FunctionalInterface
public interface FlagCheck {
    /**
     * @param flag   flag name, e.g. {@code offer_kill_switch}
     * @param userId the caller, or null (for rollouts by user)
     * @return whether the flag is on
     */
    boolean isOn(String flag, String userId);

    /** Every flag off: for a service started without a flag source. */
    static FlagCheck allOff() {
        return (flag, userId) -> false;
    }
}
