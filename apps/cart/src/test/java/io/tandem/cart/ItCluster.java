package io.tandem.cart;

import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;

import io.tandem.common.api.IdentityAssertions;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.api.Identity;
import io.tandem.common.flag.FlagCheck;
import io.tandem.common.observe.DeepHealth;
import io.tandem.common.session.SessionKeys;
import io.tandem.common.store.Stores;
import io.tandem.common.testing.TestEnv;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A cart service of this branch, in the test JVM, on the REAL stores of envs/local (db-a or the replica, Redis A or
 * B, Unleash) — so failure knobs, test flags and tight limits never touch the shared clusters.
 */
final class ItCluster implements AutoCloseable {
    final Stores stores;
    final WebServer server;
    final Http1Client client;
    final SessionKeys keys;

    ItCluster(TestEnv env, String cluster, FlagCheck flags, Map<String, String> extra) {
        Config config = env.clusterConfig(cluster, extra);
        this.stores = Stores.create(config);
        this.keys = SessionKeys.create(config.get("session"));
        DeepHealth deep = new DeepHealth();
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    ErrorHandlers.register(routing);
                    Identity.register(routing, TestIdentity.ASSERTIONS);
                    CartModule.register(routing, config, stores, flags, keys::issue, deep);
                    routing.register(deep::register);
                })
                .build().start();
        this.client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    /** A random client address per call site, sent as X-Forwarded-For (this instance trusts 127.0.0.1). */
    static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    Http1ClientResponse send(String method, String path, String user, String ip, String key, String body) {
        Http1ClientRequest request = client.method(Method.create(method)).uri(path)
                .header(HeaderNames.X_FORWARDED_FOR, ip);
        if (user != null) {
            request.header(Identity.USER_ID, user);
            request.header(IdentityAssertions.HEADER, TestIdentity.assertion(user));
        }
        if (key != null) {
            request.header(HeaderNames.create("Idempotency-Key"), key);
        }
        return body == null ? request.request() : request.header(HeaderValues.CONTENT_TYPE_JSON).submit(body);
    }

    Http1ClientResponse send(String method, String path, String user, String body) {
        return send(method, path, user, randomIp(), method.equals("GET") ? null : UUID.randomUUID().toString(), body);
    }

    static JsonObject json(Http1ClientResponse response) {
        try (response) {
            return Json.createReader(new StringReader(response.as(String.class))).readObject();
        }
    }

    @Override
    public void close() {
        server.stop();
        stores.close();
    }
}
