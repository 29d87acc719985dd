package io.tandem.order.pricing;

/**
 * Whether {@code offer_kill_switch} is on for a user: the seam where the cluster wires the flags library
 * (io.tandem.flags) in; read on every pricing.
 */
@FunctionalInterface
public interface OfferKillSwitch {
    String FLAG = "offer_kill_switch";

    boolean on(String userId);

    static OfferKillSwitch fixed(boolean on) {
        return userId -> on;
    }
}
