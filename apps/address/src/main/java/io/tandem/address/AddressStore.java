package io.tandem.address;

import java.util.List;
import java.util.Optional;

/** Addresses: reads from {@code db.reads} (db-a on A, the replica on B), writes to {@code db.primary} (A only). */
interface AddressStore {
    List<Address> list(String userId);

    Optional<Address> find(String userId, String addressId);

    /**
     * Inserts unless the user already has {@code max} addresses.
     *
     * @throws io.tandem.common.api.ApiException 422 ADDRESS_LIMIT
     */
    void insert(Address address, int max);

    /** False when there is no such address of this user. */
    boolean update(Address address);

    boolean delete(String userId, String addressId);
}
