package io.tandem.order.it;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

import io.tandem.payment.IdempotencyConflictException;
import io.tandem.payment.PaymentResult;
import io.tandem.payment.Payments;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Payments with their keys in the real order database (db-b here), against the simulator's latency knobs. */
class PaymentIT {
    private static Simulator psp;
    private static DbClient db;
    private static Payments payments;
    private static final String jdbc = Env.get("db.b.jdbc");

    @BeforeAll
    static void start() {
        Schema.migrate(jdbc);
        psp = Simulator.start();
        Map<String, String> settings = new HashMap<>();
        settings.put("db.source", "jdbc");
        settings.put("db.connection.url", jdbc);
        settings.put("db.connection.username", Env.get("db.app.user"));
        settings.put("db.connection.password", Env.get("db.app.password"));
        settings.put("payment.provider.timeout", "PT1S");
        settings.put("payment.retry.base", "PT0.05S");
        settings.put("psp.url", psp.url());
        Config config = Config.just(ConfigSources.create(settings));
        db = DbClient.create(config.get("db"));
        payments = Payments.fromRoot(config, db);
    }

    @AfterAll
    static void stop() {
        if (psp != null) {
            psp.close();
        }
    }

    @Test
    void chargeRetriedThroughTimeoutsChargesOnceAndIsStoredOnce() {
        // Both first attempts are booked by the provider but answered after 2.5 s, past our 1 s timeout.
        psp.knobs("{\"slowFirstAttempts\":2,\"slowMillis\":2500}");
        try {
            String order = "IT" + UUID.randomUUID().toString().substring(0, 12);
            PaymentResult first = payments.charge("charge:" + order, order, 1999, "EUR", "tok_visa");
            assertThat(first.status(), is(PaymentResult.Status.SUCCEEDED));
            assertThat(psp.count("charge", order), is(1L));
            // Asked again (a resumed saga): the stored answer, the provider is not charged again.
            PaymentResult again = payments.charge("charge:" + order, order, 1999, "EUR", "tok_visa");
            assertThat(again.providerId(), is(first.providerId()));
            assertThat(psp.count("charge", order), is(1L));
            assertThat(Db.count(jdbc, "SELECT COUNT(*) FROM payment WHERE order_number = ? AND status = 'SUCCEEDED'",
                    order), is(1L));
            // Refund twice: one refund.
            assertThat(payments.refund("refund:" + order, order).status(), is(PaymentResult.Status.SUCCEEDED));
            assertThat(payments.refund("refund:" + order, order).status(), is(PaymentResult.Status.SUCCEEDED));
            assertThat(psp.count("refund", order), is(1L));
        } finally {
            psp.knobs("{\"slowFirstAttempts\":0,\"slowMillis\":0}");
        }
    }

    @Test
    void sameKeyForAnotherAmountIsAConflictAndDeclineIsStored() {
        String order = "IT" + UUID.randomUUID().toString().substring(0, 12);
        payments.charge("k:" + order, order, 500, "EUR", "tok_visa");
        try {
            payments.charge("k:" + order, order, 600, "EUR", "tok_visa");
            throw new AssertionError("expected a conflict");
        } catch (IdempotencyConflictException expected) {
            assertThat(psp.count("charge", order), is(1L));
        }
        String declined = "IT" + UUID.randomUUID().toString().substring(0, 12);
        assertThat(payments.charge("charge:" + declined, declined, 500, "EUR", "tok_declined").status(),
                is(PaymentResult.Status.DECLINED));
        assertThat(payments.refund("refund:" + declined, declined).status(), is(PaymentResult.Status.NOTHING_TO_REFUND));
    }
}
