package io.tandem.proxy.upstream;

import java.io.InputStream;
import java.util.List;

/**
 * A cluster's response head and its framed body.
 *
 * @param status        status code
 * @param reason        reason phrase, as sent
 * @param headers       header names and values, alternating, in the order received
 * @param body          the body, de-chunked; empty when the response has none
 * @param contentLength the declared length, or -1
 * @param keepAlive     whether the connection may be reused once the body is read to the end
 */
public record UpstreamResponse(int status, String reason, List<String> headers, InputStream body,
                               long contentLength, boolean keepAlive) {

    /** Whether the head has this header (names compared ignoring case). */
    public boolean hasHeader(String name) {
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body was read to its end and the connection can serve another exchange. */
    public boolean reusable() {
        return keepAlive && body instanceof BodyStreams.Framed framed && framed.complete();
    }
}
