package io.tandem.drill;

/**
 * An order as the order database holds it (only what the checks need).
 *
 * @param addressId the address it was placed to (null for orders placed before orders were bound to addresses)
 * @param lines     product id to quantity, as stored with the order
 */
public record OrderRow(String db, String orderNumber, String cluster, String userId, String idempotencyKey,
                       String status, String cartId, long createdAt, String addressId, java.util.Map<String, Integer> lines) {
    public boolean done() {
        return status.equals("CONFIRMED") || status.equals("FAILED");
    }

    /** The cluster the session named: the drill's Idempotency-Key ends in ".<cluster letter>". */
    public String sessionCluster() {
        int dot = idempotencyKey.lastIndexOf('.');
        return dot < 0 ? "?" : idempotencyKey.substring(dot + 1);
    }

    /** The cluster that made the cart: cart ids start with it ("a-..."). */
    public String cartCluster() {
        return cartId == null || cartId.length() < 2 || cartId.charAt(1) != '-' ? "?" : cartId.substring(0, 1);
    }

    /** Whether the order was made on another cluster than its session and cart: the session was split. */
    public boolean split() {
        return !cluster.equals(sessionCluster()) || (!cartCluster().equals("?") && !cluster.equals(cartCluster()));
    }
}
