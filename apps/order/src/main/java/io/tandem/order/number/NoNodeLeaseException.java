package io.tandem.order.number;

/** This process holds no order-number node id right now: it must refuse to number an order (the API answers 503). */
public final class NoNodeLeaseException extends RuntimeException {
    public NoNodeLeaseException(String message) {
        super(message, null, false, false);
    }
}
