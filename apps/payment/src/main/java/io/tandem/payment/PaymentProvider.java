package io.tandem.payment;

/**
 * The outside payment provider. Every call carries an idempotency key that the provider honours, so a call
 * repeated after a timeout returns the first result instead of moving money again.
 */
public interface PaymentProvider {
    /**
     * @throws PaymentUnavailableException when there is no certain answer (timeout, connection, 5xx, 429)
     */
    ProviderAnswer charge(String idempotencyKey, long amountCents, String currency, String cardToken, String reference);

    /**
     * @throws PaymentUnavailableException when there is no certain answer
     */
    ProviderAnswer refund(String idempotencyKey, String chargeId);
}
