package io.tandem.common.logging.tool;

import java.io.StringReader;
import java.util.Optional;

import io.tandem.common.api.Jsons;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

/**
 * One line of a Tandem JVM's log, as {@code io.tandem.common.logging.JsonLogFormatter} writes it: exactly one JSON
 * object with at least {@code time}, {@code level} and {@code message} as strings.
 *
 * @param json the parsed line
 */
public record LogLine(JsonObject json) {
    /** Fields every line has. */
    static final String[] REQUIRED = {"time", "level", "message"};

    /**
     * Parses a line.
     *
     * @param line one line of a log file, without its line break
     * @return the line, or empty when it is not exactly one JSON object with the required fields
     */
    public static Optional<LogLine> parse(String line) {
        try (JsonParser parser = Jsons.JSON.createParser(new StringReader(line))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                // something after the object: two lines run together, or trailing text
                return Optional.empty();
            }
            for (String field : REQUIRED) {
                if (!(object.get(field) instanceof JsonString)) {
                    return Optional.empty();
                }
            }
            return Optional.of(new LogLine(object));
        } catch (RuntimeException e) {
            // JsonParsingException and whatever else a line that is not JSON makes the parser throw
            return Optional.empty();
        }
    }

    /** A string field, or null when absent or not a string. */
    public String field(String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }

    public String time() {
        return field("time");
    }

    public String level() {
        return field("level");
    }

    public String message() {
        return field("message");
    }
}
