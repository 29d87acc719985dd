package io.tandem.common.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated bad input for the "no 5xx" tests: broken JSON, wrong types, out-of-range and huge numbers, unknown
 * fields, deep nesting, odd unicode, bad ids. Seeded, so a failure can be replayed.
 */
public final class BadRequests {
    private static final String[] VALUES = {
        "null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999", "9223372036854775808",
        "\"\"", "\" \"", "\"x\"", "\"" + "A".repeat(300) + "\"", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\\u0000\"",
        "\"\\ud800\"", "\"<script>\"", "\"' OR 1=1 --\"", "\"P00001\"", "\"P99999\"", "1", "100", "\"10117\"", "\"DE\"",
        "\"+4930123456\""};
    private static final String[] IDS = {"", "%00", "..%2F..", "P00001%20", "x".repeat(200), "'%3B--", "%E2%82%AC",
        "a-AAAAAAAAAAAAAAAAAAAAAA", "ad-AAAAAAAAAAAAAAAAAAAAAA", "P0000%", "-", "_"};

    private final Random random;

    public BadRequests(long seed) {
        this.random = new Random(seed);
    }

    /** A body built around the given field names, mostly wrong. */
    public byte[] body(List<String> fields) {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes();
            case 1 -> truncated(object(fields)).getBytes(StandardCharsets.UTF_8);
            case 2 -> "[".repeat(2000 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"a\":" .repeat(1500) + "1" + "}".repeat(1500)).getBytes(StandardCharsets.UTF_8);
            case 4 -> VALUES[random.nextInt(VALUES.length)].getBytes(StandardCharsets.UTF_8);
            default -> object(fields).getBytes(StandardCharsets.UTF_8);
        };
    }

    public String id() {
        return IDS[random.nextInt(IDS.length)];
    }

    public boolean coin() {
        return random.nextBoolean();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String object(List<String> fields) {
        List<String> parts = new ArrayList<>();
        for (String field : fields) {
            if (random.nextInt(4) > 0) {
                parts.add("\"" + field + "\":" + VALUES[random.nextInt(VALUES.length)]);
            }
        }
        if (random.nextInt(5) == 0) {
            parts.add("\"unknown" + random.nextInt(3) + "\":1");
        }
        if (random.nextInt(8) == 0 && !parts.isEmpty()) {
            parts.add(parts.getFirst());
        }
        return "{" + String.join(",", parts) + "}";
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String truncated(String text) {
        return text.substring(0, random.nextInt(Math.max(1, text.length())));
    }
}
