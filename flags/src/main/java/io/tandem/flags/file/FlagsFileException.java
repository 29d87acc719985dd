package io.tandem.flags.file;

/** A flags file that cannot be used; the message says where (file and JSON path) and what is wrong. */
public class FlagsFileException extends RuntimeException {
    public FlagsFileException(String message) {
        super(message);
    }
}
