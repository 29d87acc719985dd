package io.tandem.cluster.admission;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import io.tandem.common.session.SessionKeys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The filter on a real server with a fixed limit of 2 (one for new sessions): a handler held on a latch keeps its
 * slot, so what the next request gets depends only on the slots taken, never on timing.
 */
@ServerTest
class AdmissionTest {
    private static final String SECRET = "admission-test-secret-0123456789";
    private static final Config CONFIG = Config.just(ConfigSources.create(Map.of(
            "session.secret", SECRET,
            "admission.limit.algorithm", "fixed",
            "admission.limit.initial", "2",
            "admission.limit.min", "1",
            "admission.retry-after", "PT2S")));
    private static final SessionKeys KEYS = SessionKeys.create(CONFIG.get("session"));
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);

    /** Its own threads: the common pool has one thread on a 2-core machine, and a held request blocks it. */
    private static final java.util.concurrent.ExecutorService CALLERS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final Http1Client client;

    AdmissionTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void route(HttpRouting.Builder routing) {
        Admission.create(CONFIG).register(routing);
        routing.any("/v1/*", (req, res) -> {
            entered.release();
            release.await(30, TimeUnit.SECONDS);
            res.send("done");
        });
        routing.get("/observe/health/ready", (req, res) -> res.send("{\"status\":\"UP\"}"));
    }

    @AfterEach
    void letGo() {
        release.countDown();
        release = new CountDownLatch(1);
        entered.drainPermits();
    }

    @Test
    void aNewSessionIsRefusedCheaplyWhileACheckoutUnderWayStillGetsIn() throws Exception {
        CompletableFuture<String> first = hold("/v1/buynow/carts", null);
        try (Http1ClientResponse refused = client.post("/v1/buynow/carts").submit("{}")) {
            assertThat(refused.status().code(), is(503));
            assertThat(refused.headers().first(io.helidon.http.HeaderNames.RETRY_AFTER).orElse(""), is("2"));
            assertThat(refused.headers().first(io.helidon.http.HeaderNames.create(io.tandem.common.api.Shedding.HEADER)).orElse(""),
                    is("new-session"));
            String body = refused.as(String.class);
            assertThat(body, containsString("\"code\":\"CLUSTER_BUSY\""));
            assertThat(body, containsString("\"hint\":"));
        }
        CompletableFuture<String> second = hold("/v1/orders", KEYS.issue("a"));
        try (Http1ClientResponse full = client.get("/v1/orders/a-1").header(
                io.helidon.http.HeaderNames.create(SessionKeys.HEADER), KEYS.issue("a")).request()) {
            assertThat("the whole limit is taken", full.status().code(), is(503));
        }
        try (Http1ClientResponse head = client.method(io.helidon.http.Method.HEAD).path("/v1/buynow/carts").request()) {
            assertThat(head.status().code(), is(503));
            assertThat(head.headers().first(io.helidon.http.HeaderNames.RETRY_AFTER).orElse(""), is("2"));
        }
        try (Http1ClientResponse ready = client.get("/observe/health/ready").request()) {
            assertThat("probes never wait behind work", ready.status().code(), is(200));
        }
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS), is("done"));
        assertThat(second.get(30, TimeUnit.SECONDS), is("done"));
        try (Http1ClientResponse again = client.get("/v1/again").request()) {
            assertThat("slots come back when requests end", again.status().code(), is(200));
        }
    }

    /** Sends a request that the handler holds, and returns once the handler has it (so it holds its slot). */
    private CompletableFuture<String> hold(String path, String sessionKey) throws InterruptedException {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            var req = client.post(path);
            if (sessionKey != null) {
                req.header(io.helidon.http.HeaderNames.create(SessionKeys.HEADER), sessionKey);
            }
            try (Http1ClientResponse res = req.submit("{}")) {
                return res.as(String.class);
            }
        }, CALLERS);
        assertThat("the handler got the request", entered.tryAcquire(30, TimeUnit.SECONDS), is(true));
        return answer;
    }
}
