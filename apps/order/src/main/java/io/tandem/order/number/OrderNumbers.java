package io.tandem.order.number;

/** Where the order API takes its next order number from: a {@link NodeLease} in a service, a generator in tests. */
public interface OrderNumbers {
    /**
     * The next order number of this process.
     *
     * @throws NoNodeLeaseException when this process holds no node id now (it must not number orders)
     */
    OrderNumber next();
}
