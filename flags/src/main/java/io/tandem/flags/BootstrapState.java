package io.tandem.flags;

import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagsFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The state a client starts from: the backup file of the last fetch, else flags.json from the classpath (the
 * precedence unleash-client-java applies).
 */
final class BootstrapState {
    private static final Logger LOG = Logger.getLogger(BootstrapState.class.getName());

    private BootstrapState() {
    }

    /**
     * The flags file as client features JSON. Read and validated now, so a malformed file stops start-up with its
     * error instead of silently running without flags. Handed to the client as a supplier, not a bootstrap file
     * path: a file inside a jar cannot be opened as a path (TOOLCHAIN.md).
     */
    static String fromResource(String resource) {
        FlagsFile file = FlagsFile.fromClasspath(resource);
        for (Flag flag : TandemFlags.ALL) {
            if (file.flag(flag.name()).isEmpty()) {
                LOG.warning(() -> file.source() + " does not declare " + flag.name() + ": its default answers until Unleash does");
            }
        }
        return ClientFeaturesJson.of(file);
    }

    /** The backup file's content, if there is one to read. */
    static Optional<String> backup(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
