package io.tandem.common.server;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The config of a checkout service run alone (cart, address): system properties, then environment variables, then
 * the service's own file (its port and what differs), then the defaults the services share
 * ({@value #DEFAULTS}), so the shared keys are written once instead of copied into each service's file.
 * Not {@code application.yaml}: in the cluster JVM that name is the cluster's own.
 */
public final class StandaloneConfig {
    /** The shared defaults on the classpath (apps/common). */
    public static final String DEFAULTS = "checkout-defaults.yaml";

    private StandaloneConfig() {
    }

    /** @param ownFile the service's file on the classpath, e.g. {@code cart.yaml} */
    public static Config load(String ownFile) {
        return Config.create(ConfigSources.systemProperties(), ConfigSources.environmentVariables(),
                ConfigSources.classpath(ownFile), ConfigSources.classpath(DEFAULTS));
    }
}
