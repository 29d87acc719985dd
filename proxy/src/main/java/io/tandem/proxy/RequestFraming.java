package io.tandem.proxy;

import io.helidon.config.Config;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import io.tandem.proxy.routing.Refusal;

/**
 * Refuses, before anything else, a request whose body framing two parsers could read differently (RFC 9112 6,
 * the root of request smuggling) or whose header lines are over the limits. Helidon itself refuses obs-fold, bad
 * header syntax, a header block over {@code max-headers-size}, a non-numeric Content-Length and bad chunk sizes
 * (answered by {@code HouseErrorPages}); what it lets through and is checked here:
 * <ul>
 *     <li>both Content-Length and Transfer-Encoding (Helidon decodes the chunks and keeps the length header: the
 *     cluster would be told a length that is not the body's);</li>
 *     <li>more than one Content-Length (even equal ones) or one that is not 1-18 plain digits ({@code +5} and
 *     {@code -1} parse as numbers);</li>
 *     <li>a Transfer-Encoding other than exactly {@code chunked} (Helidon would not decode it, and its body would be
 *     read as the next request);</li>
 *     <li>no Host header, or more than one (RFC 9112 3.2: 400);</li>
 *     <li>a method other than those the clusters serve ({@link #METHODS}): 405, never passed on (TRACE, CONNECT,
 *     lower-case or invented methods);</li>
 *     <li>a header line over {@code proxy.limits.max-header-line} bytes, or more than
 *     {@code proxy.limits.max-header-count} header lines (431).</li>
 * </ul>
 * Each refusal closes the connection: after a message of doubtful length nothing on it can be trusted.
 */
final class RequestFraming {
    /** Longest header line (name, ": ", value) passed on; the clusters' own limit is Helidon's whole-block 16 KiB. */
    static final int DEFAULT_MAX_HEADER_LINE = 8 * 1024;
    /** Most header lines in one request; a browser sends about 20, the project's clients fewer. */
    static final int DEFAULT_MAX_HEADER_COUNT = 100;
    private static final int MAX_LENGTH_DIGITS = 18;

    /** The methods passed on to a cluster; anything else is answered 405 at the edge. */
    static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final Refusal BAD_HOST = bad("BAD_HOST", "An HTTP/1.1 request needs exactly one Host header.",
            "Send one Host header.");
    static final Refusal BAD_METHOD = new Refusal(405, "METHOD_NOT_ALLOWED", "This method is not served here.",
            "Use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS.", 0);
    static final Refusal AMBIGUOUS = bad("AMBIGUOUS_FRAMING",
            "The request has both Content-Length and Transfer-Encoding.", "Send one of them (RFC 9112 6.1).");
    static final Refusal BAD_LENGTH = bad("BAD_CONTENT_LENGTH",
            "Content-Length is repeated or not a plain decimal number.", "Send one Content-Length of digits only.");
    static final Refusal BAD_TRANSFER_ENCODING = bad("UNSUPPORTED_TRANSFER_ENCODING",
            "The only Transfer-Encoding accepted is 'chunked'.", "Send the body chunked, or with a Content-Length.");

    private final int maxHeaderLine;
    private final int maxHeaderCount;
    private final Refusal lineTooLong;
    private final Refusal tooMany;

    RequestFraming(int maxHeaderLine, int maxHeaderCount) {
        this.maxHeaderLine = maxHeaderLine;
        this.maxHeaderCount = maxHeaderCount;
        this.lineTooLong = new Refusal(431, "HEADERS_TOO_LARGE", "A header line is over " + maxHeaderLine + " bytes.",
                "Send shorter headers.", 0);
        this.tooMany = new Refusal(431, "HEADERS_TOO_LARGE", "The request has more than " + maxHeaderCount
                + " header lines.", "Send fewer headers.", 0);
    }

    /** From {@code proxy.limits}. */
    static RequestFraming create(Config limits) {
        return new RequestFraming(limits.get("max-header-line").asInt().orElse(DEFAULT_MAX_HEADER_LINE),
                limits.get("max-header-count").asInt().orElse(DEFAULT_MAX_HEADER_COUNT));
    }

    /**
     * @param headers the request's headers
     * @return the refusal, or null when the framing is sound
     */
    Refusal check(String method, Headers headers) {
        if (!METHODS.contains(method)) {
            return BAD_METHOD;
        }
        if (headers.size() > maxHeaderCount) {
            return tooMany;
        }
        int lines = 0;
        int hosts = 0;
        boolean length = false;
        boolean chunked = false;
        for (Header header : headers) {
            int nameLength = header.name().length() + 2;
            for (String value : header.allValues()) {
                if (++lines > maxHeaderCount) {
                    return tooMany;
                }
                if (nameLength + value.length() > maxHeaderLine) {
                    return lineTooLong;
                }
            }
            if (header.headerName().equals(HeaderNames.HOST)) {
                hosts += header.valueCount();
            } else if (header.headerName().equals(HeaderNames.CONTENT_LENGTH)) {
                if (header.valueCount() != 1 || !digits(header.get())) {
                    return BAD_LENGTH;
                }
                length = true;
            } else if (header.headerName().equals(HeaderNames.TRANSFER_ENCODING)) {
                if (header.valueCount() != 1 || !header.get().equals("chunked")) {
                    return BAD_TRANSFER_ENCODING;
                }
                chunked = true;
            }
        }
        if (hosts != 1) {
            return BAD_HOST;
        }
        return length && chunked ? AMBIGUOUS : null;
    }

    private static boolean digits(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Refusal bad(String code, String message, String hint) {
        return new Refusal(400, code, message, hint, 0);
    }
}
