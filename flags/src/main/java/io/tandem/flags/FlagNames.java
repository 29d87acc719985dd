package io.tandem.flags;

import java.util.regex.Pattern;

/** The one rule for flag and variant names, shared by the typed constants and the flags file. */
final class FlagNames {
    static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    private FlagNames() {
    }

    static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Flag name must match " + VALID.pattern() + ": " + name);
        }
        return name;
    }
}
