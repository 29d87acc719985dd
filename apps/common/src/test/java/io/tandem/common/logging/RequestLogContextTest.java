package io.tandem.common.logging;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** On a real server: the request's X-Request-Id is in the log context while its handler runs, and only then. */
@ServerTest
class RequestLogContextTest {
    private final Http1Client client;

    RequestLogContextTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        RequestLogContext.register(routing);
        routing.get("/seen", (req, res) -> res.send(String.valueOf(LogContext.requestId())));
    }

    private String seen(String requestId) {
        var request = client.get("/seen");
        if (requestId != null) {
            request.header(RequestLogContext.REQUEST_ID, requestId);
        }
        return request.requestEntity(String.class);
    }

    @Test
    void theHandlerSeesTheRequestsOwnId() {
        assertThat(seen("3f2a9c0d1e4b5a6f7c8d9e0f1a2b3c4d"), is("3f2a9c0d1e4b5a6f7c8d9e0f1a2b3c4d"));
        assertThat(seen("rq-1"), is("rq-1"));
        // the next request on the same connection (and maybe the same carrier thread) does not inherit it
        assertThat(seen(null), is("null"));
    }

    @Test
    void anIdThatIsNotAPlainTokenIsNotBelieved() {
        assertThat(seen("has space"), is("null"));
        assertThat(seen("quote\"and{json}"), is("null"));
        assertThat(seen("x".repeat(RequestLogContext.MAX_LENGTH + 1)), is("null"));
        assertThat(seen("x".repeat(RequestLogContext.MAX_LENGTH)), is("x".repeat(RequestLogContext.MAX_LENGTH)));
    }
}
