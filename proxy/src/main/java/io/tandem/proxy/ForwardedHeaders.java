package io.tandem.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

import io.tandem.proxy.upstream.UpstreamConnection;

/**
 * Which headers cross the proxy. Hop-by-hop headers (RFC 9110 7.6.1, and any a Connection header names) stay on
 * their hop; identity and forwarding headers from outside are dropped and set by the proxy from what it verified
 * and saw.
 */
final class ForwardedHeaders {
    static final HeaderName X_USER_ID = HeaderNames.create("X-User-Id");
    static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final HeaderName X_SESSION_KEY = HeaderNames.create("X-Session-Key");
    static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    static final HeaderName X_FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    static final HeaderName X_FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    /** Longest request id passed on from a client; a longer or odd one is replaced. */
    static final int MAX_REQUEST_ID_LENGTH = 128;

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    /**
     * Never passed on from a client: the proxy sets these itself, or they are its alone (the bearer token). A client's
     * trace context too: the proxy starts each request's trace (apps/common TracingFilter.edge).
     */
    private static final Set<String> SET_BY_PROXY = Set.of("host", "x-user-id", "x-identity-assertion", "x-request-id",
            "traceparent", "tracestate", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded",
            "x-real-ip", "authorization", "expect");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ForwardedHeaders() {
    }

    /**
     * Writes a client's headers to the request to the cluster, dropping what must not pass. Content-Length is
     * left to the caller, which frames the body.
     */
    static void copyRequest(Headers from, UpstreamConnection to) throws IOException {
        Set<String> listed = connectionListed(from);
        for (Header header : from) {
            String name = header.headerName().lowerCase();
            if (!HOP_BY_HOP.contains(name) && !SET_BY_PROXY.contains(name) && !name.equals("content-length")
                    && (listed == null || !listed.contains(name))) {
                for (String value : header.allValues()) {
                    to.header(header.name(), value);
                }
            }
        }
    }

    /**
     * Copies a cluster's response headers to the client, dropping hop-by-hop ones and Content-Length (set by
     * the caller from the framing).
     */
    static void copyResponse(List<String> from, WritableHeaders<?> to) {
        Set<String> listed = null;
        for (int i = 0; i < from.size(); i += 2) {
            if (from.get(i).equalsIgnoreCase("connection")) {
                listed = listed == null ? new HashSet<>() : listed;
                for (String token : from.get(i + 1).split(",")) {
                    listed.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (int i = 0; i < from.size(); i += 2) {
            String name = from.get(i);
            String lower = name.toLowerCase(Locale.ROOT);
            // X-Request-Id is already set on the response by the proxy (the same id): not twice.
            if (!HOP_BY_HOP.contains(lower) && !lower.equals("content-length") && !lower.equals("x-request-id")
                    && (listed == null || !listed.contains(lower))) {
                to.add(HeaderValues.create(name, from.get(i + 1)));
            }
        }
    }

    /** The client's request id if it is sane, else a new one. */
    static String requestId(Headers headers) {
        String id = headers.first(X_REQUEST_ID).orElse(null);
        if (id != null && saneId(id)) {
            return id;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }

    /** The peer's IP address, never a reverse-DNS name. */
    static String clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static boolean saneId(String id) {
        if (id.isEmpty() || id.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> connectionListed(Headers headers) {
        if (!headers.contains(HeaderNames.CONNECTION)) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String value : headers.get(HeaderNames.CONNECTION).allValues(true)) {
            String token = value.trim().toLowerCase(Locale.ROOT);
            if (!token.isEmpty()) {
                names.add(token);
            }
        }
        return names;
    }
}
