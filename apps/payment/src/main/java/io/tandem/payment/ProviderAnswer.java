package io.tandem.payment;

/**
 * What the provider answered for certain (a request it never answered is a {@link PaymentUnavailableException}).
 *
 * @param outcome    succeeded, declined (a business refusal) or rejected (a request error that retrying cannot fix)
 * @param providerId the provider's charge or refund id when it succeeded
 * @param code       the provider's code when it did not
 */
public record ProviderAnswer(Outcome outcome, String providerId, String code) {
    public enum Outcome { SUCCEEDED, DECLINED, REJECTED }

    public static ProviderAnswer succeeded(String id) {
        return new ProviderAnswer(Outcome.SUCCEEDED, id, null);
    }

    public static ProviderAnswer declined(String code) {
        return new ProviderAnswer(Outcome.DECLINED, null, code);
    }

    public static ProviderAnswer rejected(String code) {
        return new ProviderAnswer(Outcome.REJECTED, null, code);
    }
}
