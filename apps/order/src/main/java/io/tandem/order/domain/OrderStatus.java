package io.tandem.order.domain;

/** An order's life: each status is the result of the step that stored it; CONFIRMED and FAILED are final. */
public enum OrderStatus {
    CREATED, PRICED, RESERVED, PAID, CONFIRMED, FAILED;

    public boolean terminal() {
        return this == CONFIRMED || this == FAILED;
    }
}
