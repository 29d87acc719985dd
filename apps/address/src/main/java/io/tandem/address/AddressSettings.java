package io.tandem.address;

import io.helidon.common.config.Config;

/**
 * Config of the address service.
 *
 * @param cluster    {@code cluster.name}
 * @param writable   {@code cluster.primary} and a {@code db.primary} store: writes happen here
 * @param maxPerUser {@code address.max-per-user}
 */
record AddressSettings(String cluster, boolean writable, int maxPerUser) {
    static final int DEFAULT_MAX_PER_USER = 20;

    static AddressSettings create(Config root, boolean hasPrimary) {
        return new AddressSettings(root.get("cluster.name").asString().orElse("a"),
                hasPrimary && root.get("cluster.primary").asBoolean().orElse(true),
                root.get("address.max-per-user").asInt().orElse(DEFAULT_MAX_PER_USER));
    }
}
