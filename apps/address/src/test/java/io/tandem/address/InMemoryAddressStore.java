package io.tandem.address;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tandem.common.api.ApiException;

/** Unit-test stand-in for db-a; AddressIT runs the real databases. */
final class InMemoryAddressStore implements AddressStore {
    final Map<String, Address> rows = new ConcurrentHashMap<>();

    @Override
    public List<Address> list(String userId) {
        return rows.values().stream().filter(a -> a.userId().equals(userId)).toList();
    }

    @Override
    public Optional<Address> find(String userId, String addressId) {
        return Optional.ofNullable(rows.get(addressId)).filter(a -> a.userId().equals(userId));
    }

    @Override
    public synchronized void insert(Address address, int max) {
        if (list(address.userId()).size() >= max) {
            throw ApiException.refused("ADDRESS_LIMIT", null, "limit", "delete one");
        }
        rows.put(address.addressId(), address);
    }

    @Override
    public boolean update(Address address) {
        return rows.replace(address.addressId(), address) != null;
    }

    @Override
    public boolean delete(String userId, String addressId) {
        return find(userId, addressId).map(a -> rows.remove(addressId) != null).orElse(false);
    }
}
