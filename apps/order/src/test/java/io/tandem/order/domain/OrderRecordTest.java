package io.tandem.order.domain;

import org.junit.jupiter.api.Test;


import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The saga hands an order on from step to step without reading the row: what it hands on must read as the row does. */
class OrderRecordTest {
    private static final OrderRecord CREATED = new OrderRecord("N1", "a", "u1", "k1", "f1", OrderStatus.CREATED,
            "{\"cartId\":\"c1\"}", null, null, null, null, null, null, null, null, 100L, 100L, null, null);

    @Test
    void pricedCarriesThePricesAndTheTimeStored() {
        OrderRecord priced = CREATED.priced("{\"lines\":[]}", 1299L, "EUR", 250L);
        assertThat(priced.status(), is(OrderStatus.PRICED));
        assertThat(priced.pricingJson(), is("{\"lines\":[]}"));
        assertThat(priced.totalCents(), is(1299L));
        assertThat(priced.currency(), is("EUR"));
        assertThat(priced.updatedAt(), is(250L));
        assertThat(priced.createdAt(), is(100L));
        assertThat(priced.requestJson(), is(CREATED.requestJson()));
    }

    @Test
    void paidThenConfirmedKeepsWhatEarlierStepsStored() {
        OrderRecord reserved = CREATED.priced("{}", 500L, "EUR", 200L).moved(OrderStatus.RESERVED, 300L);
        OrderRecord paid = reserved.paid("pay-1", 400L);
        assertThat(paid.status(), is(OrderStatus.PAID));
        assertThat(paid.paymentId(), is("pay-1"));
        assertThat(paid.totalCents(), is(500L));
        assertThat(paid.updatedAt(), is(400L));
        assertThat(paid.confirmedAt(), is(nullValue()));
        OrderRecord confirmed = paid.moved(OrderStatus.CONFIRMED, 500L);
        assertThat(confirmed.status().terminal(), is(true));
        assertThat(confirmed.confirmedAt(), is(500L));
        assertThat(confirmed.paymentId(), is("pay-1"));
    }
}
