package io.tandem.cart;

/**
 * Issues the signed session key that names the cluster a checkout started on (DESIGN.md, The session key).
 * In the cluster it is {@code io.tandem.common.session.SessionKeys#issue}; the proxy verifies it.
 */
@FunctionalInterface
public interface SessionIssuer {
    /** @return e.g. {@code a.<expiry>.<random>.<mac>} */
    String issue(String cluster);

    /** The random id part of a key: {@code cluster.expiry.id.mac}. */
    static String idOf(String key) {
        String[] parts = key.split("\\.");
        return parts.length >= 3 ? parts[2] : key;
    }
}
