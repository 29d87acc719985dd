package io.tandem.address;

import java.util.Optional;

import io.helidon.dbclient.DbClient;

import jakarta.json.JsonObject;

/**
 * A user's address as other services keep it: the order copies one into itself when placed, so a later edit or
 * deletion never changes where a placed order goes. Reads {@code db.reads} (db-a on A, its replica on B).
 */
public final class AddressSnapshots {
    private final AddressStore store;

    private AddressSnapshots(AddressStore store) {
        this.store = store;
    }

    /** @param reads this cluster's {@code db.reads} */
    public static AddressSnapshots reading(DbClient reads) {
        return new AddressSnapshots(new DbAddressStore(reads, null));
    }

    /** The address as JSON (the address API's shape) when it exists and belongs to the user. */
    public Optional<JsonObject> find(String userId, String addressId) {
        return store.find(userId, addressId).map(Address::toJson);
    }
}
