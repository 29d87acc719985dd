package io.tandem.faults.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestEnv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Cluster A's database blackholed for real, through the environment's fault proxy (route db-a: cluster A's
 * db.primary, db.reads and db.orders pools): requests that need it answer 503 STORE_UNAVAILABLE within about the
 * database timeout (socket 2.5 s, pool wait 2 s; DbTimeouts), many at once included; once cleared, the pools
 * recover by themselves and requests succeed again.
 */
class StoreBlackholeIT {
    /** DbTimeouts.DEFAULT_SOCKET (2.5 s) plus room for a loaded 2-core machine: never the 25 s of no timeout. */
    static final long ANSWER_BOUND_MS = 4_500;
    static final long RECOVERY_BOUND_MS = 5_000;
    static final int CONCURRENT = 12;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestEnv env;
    private String user;

    @BeforeEach
    void setUp() throws Exception {
        env = TestEnv.require();
        user = "it-blackhole-" + UUID.randomUUID();
        clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (env != null) {
            clear();
        }
    }

    @Test
    void aBlackholedDatabaseCostsARequestItsTimeoutAndPoolsRecover() throws Exception {
        assertThat(listAddresses().statusCode(), is(200));

        admin("PUT", "/admin/routes/db-a/toxics", "{\"blackhole\":true}");
        long blackholedAt = System.nanoTime();
        List<Long> answerMillis = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                calls.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = listAddresses();
                    assertThat(response.body(), response.statusCode(), is(503));
                    // Beyond the cluster's admission limit a request is shed at once (CLUSTER_BUSY), before any store.
                    assertThat(response.body(), anyOf(containsString("\"code\":\"STORE_UNAVAILABLE\""),
                            containsString("\"code\":\"CLUSTER_BUSY\"")));
                    assertThat(response.headers().firstValue("Retry-After").isPresent(), is(true));
                    return new long[] {millisSince(start), response.body().contains("STORE_UNAVAILABLE") ? 1 : 0};
                }));
            }
            int storeAnswers = 0;
            for (Future<long[]> call : calls) {
                long[] answer = call.get();
                answerMillis.add(answer[0]);
                storeAnswers += (int) answer[1];
            }
            assertThat("requests that met the blackholed store", storeAnswers, greaterThanOrEqualTo(1));
        }
        // The blackhole lasts a few seconds more: a request arriving while the pools hold only dead connections.
        while (millisSince(blackholedAt) < 5_000) {
            long start = System.nanoTime();
            assertThat(listAddresses().statusCode(), is(503));
            answerMillis.add(millisSince(start));
        }
        answerMillis.sort(null);
        long worst = answerMillis.get(answerMillis.size() - 1);
        System.out.printf("blackhole: %d requests answered 503 in p50 %d ms, max %d ms%n", answerMillis.size(),
                answerMillis.get(answerMillis.size() / 2), worst);
        assertThat("slowest answer under the blackhole, ms", worst, lessThan(ANSWER_BOUND_MS));

        admin("DELETE", "/admin/routes/db-a/toxics", null);
        long clearedAt = System.nanoTime();
        int status = 0;
        while (status != 200 && millisSince(clearedAt) < RECOVERY_BOUND_MS * 2) {
            status = listAddresses().statusCode();
        }
        long recovered = millisSince(clearedAt);
        System.out.printf("blackhole: first 200 %d ms after clearing%n", recovered);
        assertThat("time from clearing to the first success, ms", recovered, lessThan(RECOVERY_BOUND_MS));
        for (int i = 0; i < 20; i++) {
            assertThat(listAddresses().statusCode(), is(200));
        }
        // Leave cluster A as found: ready again (its readiness queries every store), for the tests that follow.
        int ready = 0;
        for (long start = System.nanoTime(); ready != 200 && millisSince(start) < RECOVERY_BOUND_MS * 2; ) {
            ready = http.send(HttpRequest.newBuilder(URI.create(env.clusterUrl("a") + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        assertThat("cluster A readiness after the blackhole", ready, is(200));
    }

    private HttpResponse<String> listAddresses() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.clusterUrl("a") + "/v1/addresses"))
                .header("X-User-Id", user).header(IdentityAssertions.HEADER_NAME, env.identity().sign(user, null))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void clear() throws Exception {
        admin("DELETE", "/admin/toxics", null);
    }

    private void admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.get("faults.url") + path))
                .header("Authorization", "Bearer " + env.get("admin.token"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body(), response.statusCode(), is(200));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
