package io.tandem.proxy;

/** The few JSON bodies the proxy writes itself; by hand, as they have a handful of string fields. */
public final class Json {
    private Json() {
    }

    /** The house error shape {@code {"code","message","hint"}}. */
    public static String error(String code, String message, String hint) {
        StringBuilder b = new StringBuilder(160).append("{\"code\":");
        quote(b, code);
        b.append(",\"message\":");
        quote(b, message);
        b.append(",\"hint\":");
        quote(b, hint);
        return b.append('}').toString();
    }

    /** Appends a JSON string literal. */
    public static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
