package io.tandem.common.pricing;

/** Why a priced cart has (or has not) its discounts: the field {@code discountStatus} of every price. */
public enum DiscountStatus {
    /** Offers answered; every matching offer is applied. */
    APPLIED,
    /** Offers was not called: {@code offer_kill_switch} is on. */
    SKIPPED_KILL_SWITCH,
    /** Offers failed, was slow, or its breaker is open: priced at list price. */
    SKIPPED_OFFERS_UNAVAILABLE
}
