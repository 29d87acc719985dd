package io.tandem.drill;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class OrderRowTest {
    private static OrderRow row(String cluster, String key, String cartId, String status) {
        return new OrderRow("a", "123", cluster, "drill-x-1", key, status, cartId, 0, "sa-1", java.util.Map.of("P00001", 1));
    }

    @Test
    void anOrderOnItsSessionsClusterIsNotSplit() {
        assertThat(row("b", "drill-x-1.b", "b-abc", "CONFIRMED").split(), is(false));
        assertThat(row("a", "drill-x-1.a", null, "FAILED").split(), is(false));
    }

    @Test
    void anOrderOnAnotherClusterThanItsSessionOrCartIsSplit() {
        assertThat(row("a", "drill-x-1.b", "b-abc", "CONFIRMED").split(), is(true));
        assertThat(row("b", "drill-x-1.b", "a-abc", "CONFIRMED").split(), is(true));
        assertThat(row("a", "no-cluster-named", "a-abc", "CONFIRMED").split(), is(true));
    }

    @Test
    void onlyConfirmedAndFailedAreFinal() {
        assertThat(row("a", "k.a", null, "CONFIRMED").done(), is(true));
        assertThat(row("a", "k.a", null, "FAILED").done(), is(true));
        assertThat(row("a", "k.a", null, "PAID").done(), is(false));
    }
}
