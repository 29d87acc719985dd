package io.tandem.common.logging.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every line of a Tandem JVM's log must be one of its JSON lines ({@link LogLine}): a line that is not (a
 * {@code System.out.println}, a stack trace printed to stderr, a library with its own console appender, a JVM
 * warning) would be invisible to whatever reads the logs as JSON.
 */
public final class LogCheck {
    /** Bad lines shown per file; the rest are counted. */
    public static final int DEFAULT_SHOWN = 5;
    /** How much of a bad line is shown. */
    static final int SHOWN_CHARS = 160;

    private LogCheck() {
    }

    /**
     * One file's verdict.
     *
     * @param file     the log
     * @param lines    lines read
     * @param bad      lines that are not JSON log lines
     * @param examples the first bad ones, "line N: text"
     */
    public record Result(Path file, long lines, long bad, List<String> examples) {
        public boolean passed() {
            return bad == 0;
        }

        /** One line for the report, then the examples indented. */
        public String report() {
            String name = file.getFileName().toString();
            if (passed()) {
                return "ok    " + name + " (" + lines + " lines)";
            }
            StringBuilder out = new StringBuilder("FAIL  " + name + ": " + bad + " of " + lines
                    + " lines are not JSON log lines");
            for (String example : examples) {
                out.append("\n        ").append(example);
            }
            return out.toString();
        }
    }

    /**
     * Reads a log and checks each line.
     *
     * @param file  a Tandem JVM's log
     * @param shown how many bad lines to keep as examples
     * @return the verdict
     */
    public static Result check(Path file, int shown) {
        long lines = 0;
        long bad = 0;
        List<String> examples = new ArrayList<>();
        try (BufferedReader reader = RunLogs.reader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                if (LogLine.parse(line).isEmpty()) {
                    bad++;
                    if (examples.size() < shown) {
                        String text = line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "..." : line;
                        examples.add("line " + lines + ": " + text);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return new Result(file, lines, bad, examples);
    }
}
