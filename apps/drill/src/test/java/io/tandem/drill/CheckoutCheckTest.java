package io.tandem.drill;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

class CheckoutCheckTest {
    @Test
    void anOrdersLinesAndItsCartsAreComparedByProductAndQuantity() {
        Map<String, Integer> order = Databases.lines("{\"cartId\":\"a-1\",\"lines\":[{\"productId\":\"P2\",\"quantity\":1},"
                + "{\"productId\":\"P1\",\"quantity\":2}],\"cardToken\":\"t\"}");
        Map<String, Integer> cart = CheckoutCheck.cartLines("{\"cartId\":\"a-1\",\"lines\":[{\"productId\":\"P1\","
                + "\"quantity\":2},{\"productId\":\"P2\",\"quantity\":1}]}");
        assertThat(order, is(cart));
        assertThat(Databases.lines("{\"lines\":[{\"productId\":\"P1\",\"quantity\":3}]}"), not(cart));
    }

    @Test
    void savedAddressIdsFitTheAddressTableAndDifferPerUser() {
        String id = SavedAddresses.idOf("chaos-offers-healed-lq3x5abcdef-12345");
        assertThat(id.length(), lessThanOrEqualTo(40));
        assertThat(id.equals(SavedAddresses.idOf("chaos-offers-healed-lq3x5abcdef-12346")), is(false));
        assertThat(id, is(SavedAddresses.idOf("chaos-offers-healed-lq3x5abcdef-12345")));
    }

    @Test
    void aRunIsCleanOnlyWhenEveryOrderIsItsCartsOnItsUsersAddress() {
        StockCheck.Result stockClean = new StockCheck.Result(0, 0, List.of());
        assertThat(new Verification(3, 3, 0, 0, 0, 0, 0, 0, List.of(), stockClean).clean(), is(true));
        assertThat(new Verification(3, 3, 0, 0, 0, 0, 1, 0, List.of(), stockClean).clean(), is(false));
        assertThat(new Verification(3, 3, 0, 0, 0, 0, 0, 1, List.of(), stockClean).clean(), is(false));
        assertThat(new Verification(3, 3, 0, 0, 0, 0, 0, 0, List.of(), new StockCheck.Result(1, 0, List.of())).clean(),
                is(false));
        assertThat(new Verification(3, 2, 0, 0, 0, 0, 1, 1, List.of(), stockClean).line(),
                is("2 orders, 0 lost, 0 duplicated, 0 sessions split, 0 oversold, 2 off their cart"));
    }
}
