package io.tandem.flags;

import io.getunleash.repository.ToggleBootstrapProvider;
import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagsFile;

import java.util.Optional;
import java.util.logging.Logger;

/** The state a client starts from when it has no backup file: flags.json, read from the classpath. */
final class BootstrapState {
    private static final Logger LOG = Logger.getLogger(BootstrapState.class.getName());

    private BootstrapState() {
    }

    /**
     * Reads and validates the resource now, so a malformed file stops start-up with its error instead of silently
     * running without flags. A supplier, not a bootstrap file path: a file inside a jar cannot be opened as a path
     * (TOOLCHAIN.md).
     */
    static ToggleBootstrapProvider fromResource(String resource) {
        FlagsFile file = FlagsFile.fromClasspath(resource);
        for (Flag flag : TandemFlags.ALL) {
            if (file.flag(flag.name()).isEmpty()) {
                LOG.warning(() -> file.source() + " does not declare " + flag.name() + ": its default answers until Unleash does");
            }
        }
        String state = ClientFeaturesJson.of(file);
        return () -> Optional.of(state);
    }
}
