package io.tandem.common.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import io.helidon.http.Status;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/** Reads request bodies with a size cap and turns every way a body can be wrong into a 4xx in the error shape. */
public final class JsonBodies {
    /** Default cap on a request body: a cart or an address is far below this. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;
    /** No Tandem body nests deeper; the parser recurses, so a deeper one must not reach it. */
    public static final int MAX_DEPTH = 32;

    private JsonBodies() {
    }

    /** Reads at most {@code maxBytes}; one byte more is a 413. */
    public static byte[] read(InputStream in, int maxBytes) {
        try (in) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("UNREADABLE_BODY", "The request body could not be read.", "Send the body again.");
        }
    }

    public static ApiException tooLarge(int maxBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "BODY_TOO_LARGE",
                "The request body is larger than " + maxBytes + " bytes.", "Send a smaller body.");
    }

    /** Parses a JSON object: empty, malformed, non-UTF-8 or non-object bodies are 400s. */
    public static JsonObject object(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("MISSING_BODY", "A JSON object body is required.", "Send a JSON object.");
        }
        String text = utf8(body);
        if (depth(text) > MAX_DEPTH) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body nests deeper than " + MAX_DEPTH + " levels.",
                    "Send a flat JSON object.");
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("BODY_NOT_OBJECT", "The body must be a JSON object.", "Wrap the fields in {...}.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not valid JSON (at line "
                    + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ").",
                    "Send valid JSON.");
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not valid JSON.", "Send valid JSON.");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not UTF-8.", "Send UTF-8 JSON.");
        }
    }

    /** Deepest nesting of arrays and objects, outside strings. */
    static int depth(String text) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }

    /** For tests and replays. */
    static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
