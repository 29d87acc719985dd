package io.tandem.payment;

/**
 * The settled result of a charge or refund.
 *
 * @param status     SUCCEEDED, DECLINED (charge refused: another card may work), REJECTED (request refused
 *                   by the provider) or NOTHING_TO_REFUND
 * @param providerId the provider's id of the charge or refund
 * @param code       the provider's reason when it did not succeed
 */
public record PaymentResult(Status status, String providerId, String code) {
    public enum Status { SUCCEEDED, DECLINED, REJECTED, NOTHING_TO_REFUND }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
