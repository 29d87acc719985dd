package io.tandem.order.domain;

/** One row of {@code orders}, as stored. */
public record OrderRecord(String orderNumber, String cluster, String userId, String idempotencyKey, String fingerprint,
                          OrderStatus status, String requestJson, String pricingJson, Long totalCents, String currency,
                          String paymentId, String failureCode, String failureMessage, String failureHint,
                          String failedStep, long createdAt, long updatedAt, Long confirmedAt, Long failedAt) {
    /**
     * This order after a step stored {@code status} at {@code at} (its {@code updated_at}), as the row now reads: the
     * saga carries it to the next step instead of reading the row again.
     */
    public OrderRecord moved(OrderStatus status, long at) {
        return new OrderRecord(orderNumber, cluster, userId, idempotencyKey, fingerprint, status, requestJson, pricingJson,
                totalCents, currency, paymentId, failureCode, failureMessage, failureHint, failedStep, createdAt, at,
                status == OrderStatus.CONFIRMED ? Long.valueOf(at) : confirmedAt, failedAt);
    }

    /** After the price step: PRICED at {@code at} with its prices. */
    public OrderRecord priced(String pricing, long total, String inCurrency, long at) {
        return new OrderRecord(orderNumber, cluster, userId, idempotencyKey, fingerprint, OrderStatus.PRICED, requestJson,
                pricing, total, inCurrency, paymentId, failureCode, failureMessage, failureHint, failedStep, createdAt, at,
                confirmedAt, failedAt);
    }

    /** After the pay step: PAID at {@code at} by {@code payment}. */
    public OrderRecord paid(String payment, long at) {
        return new OrderRecord(orderNumber, cluster, userId, idempotencyKey, fingerprint, OrderStatus.PAID, requestJson,
                pricingJson, totalCents, currency, payment, failureCode, failureMessage, failureHint, failedStep, createdAt,
                at, confirmedAt, failedAt);
    }
}
