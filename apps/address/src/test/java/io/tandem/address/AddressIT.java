package io.tandem.address;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.store.Stores;
import io.tandem.common.testing.Schema;
import io.tandem.common.testing.TestEnv;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** Address on the real databases of envs/local: A writes db-a, B reads the replica and refuses writes. */
class AddressIT {
    private static TestEnv env;
    private static Instance a;
    private static Instance b;

    private record Instance(Stores stores, WebServer server, Http1Client client) {
        static Instance start(TestEnv env, String cluster) {
            Config config = env.clusterConfig(cluster, Map.of("rate-limit.enabled", "false"));
            Stores stores = Stores.create(config);
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> {
                ErrorHandlers.register(routing);
                Identity.register(routing, TestIdentity.ASSERTIONS);
                AddressModule.register(routing, config, stores);
            }).build().start();
            return new Instance(stores, server, Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build());
        }

        Http1ClientResponse send(String method, String path, String user, String body) {
            var request = client.method(io.helidon.http.Method.create(method)).uri(path).header(Identity.USER_ID, user)
                .header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
            if (!method.equals("GET")) {
                request.header(HeaderNames.create("Idempotency-Key"), UUID.randomUUID().toString());
            }
            return body == null ? request.request() : request.header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
        }
    }

    @BeforeAll
    static void start() {
        env = TestEnv.require();
        Schema.migrate(env, "address");
        a = Instance.start(env, "a");
        b = Instance.start(env, "b");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            for (Instance i : new Instance[] {a, b}) {
                i.server().stop();
                i.stores().close();
            }
        }
    }

    private static JsonObject json(Http1ClientResponse response, Status expected) {
        try (response) {
            String body = response.as(String.class);
            assertThat(body, response.status(), is(expected));
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    @Test
    void writeOnAIsReadBackFromTheReplicaOnB() throws InterruptedException {
        String user = "it-" + UUID.randomUUID();
        String id = json(a.send("POST", "/v1/addresses", user, AddressServiceTest.VALID), Status.CREATED_201)
                .getString("addressId");
        long start = System.nanoTime();
        JsonObject seen = null;
        while (seen == null && System.nanoTime() - start < 5_000_000_000L) {
            try (Http1ClientResponse response = b.send("GET", "/v1/addresses/" + id, user, null)) {
                if (response.status() == Status.OK_200) {
                    seen = Json.createReader(new StringReader(response.as(String.class))).readObject();
                }
            }
            if (seen == null) {
                Thread.sleep(20);
            }
        }
        assertThat("B saw the address through the replica", seen != null, is(true));
        assertThat(seen.getString("line1"), is("Unter den Linden 1"));
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(5000L));
    }

    @Test
    void writesOnBAreRefusedAndWriteNothing() throws SQLException {
        String user = "it-" + UUID.randomUUID();
        assertThat(json(b.send("POST", "/v1/addresses", user, AddressServiceTest.VALID), Status.create(421)).getString("code"),
                is("ADDRESS_WRITE_NOT_ON_THIS_CLUSTER"));
        try (Connection db = DriverManager.getConnection(env.get("db.a.jdbc"), env.get("db.app.user"), env.get("db.app.password"));
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM address WHERE user_id = ?")) {
            query.setString(1, user);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1), is(0));
            }
        }
    }
}
