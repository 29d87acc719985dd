package io.tandem.address;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import io.tandem.common.api.ApiException;

/** {@link AddressStore} over Helidon DbClient; parameterised statements only. */
final class DbAddressStore implements AddressStore {
    private static final String COLUMNS = "address_id, user_id, label, recipient, line1, line2, city, region, postcode, "
            + "country, phone, created_at, updated_at";

    private final DbClient reads;
    private final DbClient primary;

    /** @param primary null on a cluster without db.primary: writes never reach here then */
    DbAddressStore(DbClient reads, DbClient primary) {
        this.reads = reads;
        this.primary = primary;
    }

    @Override
    public List<Address> list(String userId) {
        return reads.execute().query("SELECT " + COLUMNS + " FROM address WHERE user_id = ? ORDER BY created_at, address_id",
                userId).map(DbAddressStore::address).toList();
    }

    @Override
    public Optional<Address> find(String userId, String addressId) {
        return reads.execute().get("SELECT " + COLUMNS + " FROM address WHERE user_id = ? AND address_id = ?",
                userId, addressId).map(DbAddressStore::address);
    }

    @Override
    public void insert(Address a, int max) {
        DbTransaction tx = primary.transaction();
        try {
            // Locks the user's rows, so two inserts cannot both pass the limit.
            long count = tx.query("SELECT address_id FROM address WHERE user_id = ? FOR UPDATE", a.userId()).count();
            if (count >= max) {
                throw ApiException.refused("ADDRESS_LIMIT", null, "A user may keep at most " + max + " addresses.",
                        "Delete an address you no longer use.");
            }
            tx.dml("INSERT INTO address (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.addressId(), a.userId(), a.label(), a.recipient(), a.line1(), a.line2(), a.city(), a.region(),
                    a.postcode(), a.country(), a.phone(), a.createdAt(), a.updatedAt());
            tx.commit();
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    @Override
    public boolean update(Address a) {
        return primary.execute().dml("UPDATE address SET label = ?, recipient = ?, line1 = ?, line2 = ?, city = ?, "
                        + "region = ?, postcode = ?, country = ?, phone = ?, updated_at = ? WHERE user_id = ? AND address_id = ?",
                a.label(), a.recipient(), a.line1(), a.line2(), a.city(), a.region(), a.postcode(), a.country(),
                a.phone(), a.updatedAt(), a.userId(), a.addressId()) > 0;
    }

    @Override
    public boolean delete(String userId, String addressId) {
        return primary.execute().dml("DELETE FROM address WHERE user_id = ? AND address_id = ?", userId, addressId) > 0;
    }

    private static Address address(DbRow row) {
        return new Address(row.column("address_id").get(String.class), row.column("user_id").get(String.class),
                row.column("label").get(String.class), row.column("recipient").get(String.class),
                row.column("line1").get(String.class), row.column("line2").get(String.class),
                row.column("city").get(String.class), row.column("region").get(String.class),
                row.column("postcode").get(String.class), row.column("country").get(String.class),
                row.column("phone").get(String.class), row.column("created_at").get(Long.class),
                row.column("updated_at").get(Long.class));
    }
}
