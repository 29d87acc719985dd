package io.tandem.flags.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Flags as code: the parsed, validated flags.json. One file declares every flag (type, description, who reads it,
 * initial on/off, strategies, variants); {@code FlagsSync} creates what is missing in an Unleash server from it,
 * and a client that cannot reach Unleash at a first start boots from it.
 *
 * @param source  where the file came from, for messages
 * @param project Unleash project the flags belong to
 * @param flags   the flags, in file order
 */
public record FlagsFile(String source, String project, List<FlagDefinition> flags) {

    public FlagsFile {
        flags = List.copyOf(flags);
    }

    /** The flag of that name, if declared. */
    public Optional<FlagDefinition> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Parses and validates JSON text; {@code source} names it in error messages. */
    public static FlagsFile parse(String source, String json) {
        return new FlagsFileParser(source).parse(json);
    }

    /** Reads a file from disk. */
    public static FlagsFile read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlagsFileException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads a classpath resource (works inside a jar: no file path involved). */
    public static FlagsFile fromClasspath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader()
                : FlagsFile.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FlagsFileException("classpath:" + resource + ": not found");
            }
            return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
