package io.tandem.drill;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The drill's shoppers are returning customers: each has a saved address before its session starts (in db-a, where
 * addresses live; cluster B reads it from the replica), as the seeded catalog has products. Sessions of the
 * "address-write" kind add one more through the proxy and order to that one.
 */
final class SavedAddresses {
    static final int BATCH = 200;

    private SavedAddresses() {
    }

    /** The saved address of a drill user: derived from the id, so a session needs no lookup. */
    static String idOf(String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return "sa-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves one address for each of the users {@code prefix1..prefixN} (idempotent: an existing one is kept). */
    static void seed(Env env, String userPrefix, int users) {
        seed(env, java.util.stream.IntStream.rangeClosed(1, users).mapToObj(n -> userPrefix + n).toList());
    }

    /** Saves one address for each user (idempotent: an existing one is kept). */
    static void seed(Env env, java.util.List<String> users) {
        long now = System.currentTimeMillis();
        try (Connection c = new Databases(env).connect(env.get("db.a.jdbc"))) {
            for (int from = 0; from < users.size(); from += BATCH) {
                int to = Math.min(users.size(), from + BATCH);
                StringBuilder sql = new StringBuilder("INSERT IGNORE INTO address (address_id, user_id, recipient, line1,"
                        + " city, postcode, country, phone, created_at, updated_at) VALUES ");
                for (int n = from; n < to; n++) {
                    sql.append(n == from ? "" : ",").append("(?, ?, 'Drill Shopper', 'Teststrasse 1', 'Berlin', '10115',"
                            + " 'DE', '+4930123456', ?, ?)");
                }
                try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                    int i = 1;
                    for (int n = from; n < to; n++) {
                        String user = users.get(n);
                        insert.setString(i++, idOf(user));
                        insert.setString(i++, user);
                        insert.setLong(i++, now);
                        insert.setLong(i++, now);
                    }
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            // db-a down (a scenario's doing): sessions then meet ADDRESS_NOT_FOUND, which the scenario sees.
            System.out.println("  could not save the drill users' addresses in db-a: " + e.getMessage());
        }
    }
}
