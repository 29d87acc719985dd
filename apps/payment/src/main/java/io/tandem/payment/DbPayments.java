package io.tandem.payment;

import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Payments recorded in table {@code payment} of this cluster's order database. The row, with the request's
 * fingerprint, is written PENDING before the provider is called; the provider's certain answer settles it.
 * A PENDING row is an unknown outcome: it is only ever settled by calling the provider again with the same
 * key, never by guessing.
 */
final class DbPayments implements Payments {
    private final DbClient db;
    private final PaymentProvider provider;
    private final PaymentMetrics metrics = new PaymentMetrics();

    DbPayments(DbClient db, PaymentProvider provider) {
        this.db = db;
        this.provider = provider;
    }

    @Override
    public PaymentResult charge(String key, String orderNumber, long amountCents, String currency, String cardToken) {
        String fingerprint = "charge|" + orderNumber + "|" + amountCents + "|" + currency + "|" + cardToken;
        PaymentRow row = claim(key, "CHARGE", orderNumber, amountCents, currency, cardToken, fingerprint);
        if (row.settled()) {
            return row.result();
        }
        ProviderAnswer answer = call(() -> provider.charge(key, amountCents, currency, cardToken, orderNumber), PaymentMetrics.CHARGE);
        return settle(key, answer, PaymentMetrics.CHARGE);
    }

    @Override
    public PaymentResult refund(String key, String orderNumber) {
        // The whole result is read (toList), so Helidon closes the statement and gives the connection back.
        Optional<PaymentRow> charge = db.execute().query(
                        "SELECT * FROM payment WHERE order_number = ? AND kind = 'CHARGE' AND status IN ('PENDING', 'SUCCEEDED')"
                                + " ORDER BY status", orderNumber)
                .map(PaymentRow::from).toList().stream().findFirst();
        if (charge.isEmpty()) {
            return new PaymentResult(PaymentResult.Status.NOTHING_TO_REFUND, null, null);
        }
        if (!charge.get().settled()) {
            throw new PaymentUnavailableException("the charge of " + orderNumber + " is not settled yet");
        }
        String chargeId = charge.get().providerId();
        PaymentRow row = claim(key, "REFUND", orderNumber, charge.get().amountCents(), charge.get().currency(), null,
                "refund|" + orderNumber + "|" + chargeId);
        if (row.settled()) {
            return row.result();
        }
        return settle(key, call(() -> provider.refund(key, chargeId), PaymentMetrics.REFUND), PaymentMetrics.REFUND);
    }

    private PaymentRow claim(String key, String kind, String orderNumber, long amount, String currency, String card,
                             String fingerprint) {
        long now = System.currentTimeMillis();
        long inserted = db.execute().dml("INSERT IGNORE INTO payment (idempotency_key, kind, order_number, amount_cents, currency,"
                        + " card_token, fingerprint, status, attempts, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                key, kind, orderNumber, amount, currency, card, fingerprint, now, now);
        if (inserted == 1) {
            // the row is the one just written: no need to read it back
            return new PaymentRow("PENDING", null, null, fingerprint, amount, currency);
        }
        PaymentRow row = load(key).orElseThrow(() -> new IllegalStateException("payment row vanished: " + key));
        if (!row.fingerprint().equals(fingerprint)) {
            throw new IdempotencyConflictException(key);
        }
        return row;
    }

    private ProviderAnswer call(java.util.function.Supplier<ProviderAnswer> call, String kind) {
        try {
            return call.get();
        } catch (PaymentUnavailableException e) {
            metrics.failure(kind, "unavailable");
            throw e;
        }
    }

    private PaymentResult settle(String key, ProviderAnswer answer, String kind) {
        String status = answer.outcome().name();
        long moved = db.execute().dml("UPDATE payment SET status = ?, provider_id = ?, code = ?, attempts = attempts + 1,"
                        + " updated_at = ? WHERE idempotency_key = ? AND status = 'PENDING'",
                status, answer.providerId(), answer.code(), System.currentTimeMillis(), key);
        if (answer.outcome() != ProviderAnswer.Outcome.SUCCEEDED) {
            metrics.failure(kind, answer.code() == null ? status.toLowerCase() : answer.code());
        } else {
            metrics.success(kind);
        }
        if (moved == 1) {
            // this call settled it: its answer is what is stored
            return new PaymentResult(PaymentResult.Status.valueOf(status), answer.providerId(), answer.code());
        }
        // another attempt settled it first: its outcome stands
        return load(key).map(PaymentRow::result).orElseThrow();
    }

    private Optional<PaymentRow> load(String key) {
        return db.execute().get("SELECT * FROM payment WHERE idempotency_key = ?", key).map(PaymentRow::from);
    }

    private record PaymentRow(String status, String providerId, String code, String fingerprint, long amountCents,
                              String currency) {
        static PaymentRow from(DbRow row) {
            return new PaymentRow(row.column("status").getString(), row.column("provider_id").getString(),
                    row.column("code").getString(), row.column("fingerprint").getString(),
                    row.column("amount_cents").getLong(), row.column("currency").getString());
        }

        boolean settled() {
            return !status.equals("PENDING");
        }

        PaymentResult result() {
            return new PaymentResult(PaymentResult.Status.valueOf(status), providerId, code);
        }
    }
}
