package io.tandem.order.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import io.tandem.common.api.Identity;
import io.tandem.common.testing.TestIdentity;
import io.tandem.common.api.ErrorHandlers;
import io.tandem.common.store.Stores;
import io.tandem.order.OrderModule;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * An order service of one cluster, in the test JVM, on the environment's real database, catalog, offers and
 * Kafka. ITs run clusters "c" (on db-a) and "d" (on db-b): the same code and stores as A and B, under names
 * the environment's own cluster JVMs never sweep, so they do not resume test orders against the shared PSP.
 */
final class OrderNode implements AutoCloseable {
    /**
     * Offers' timeout in test nodes: generous, so that a busy machine does not drop discounts between the fixture's
     * pricing and the order's (which would end the order PRICE_CHANGED, as it should, but not what most tests test).
     */
    static final String OFFERS_TIMEOUT = "PT3S";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Stores stores;
    private final WebServer server;
    private final OrderModule module;
    private final URI base;
    private final Checkouts checkouts;

    private OrderNode(Stores stores, WebServer server, OrderModule module, Checkouts checkouts) {
        this.stores = stores;
        this.checkouts = checkouts;
        this.server = server;
        this.module = module;
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** Config of a test order node: the environment's endpoints with quick worker timings. */
    static Map<String, String> config(String cluster, String jdbcUrl, String pspUrl, String kafka) {
        Map<String, String> c = new HashMap<>();
        c.put("server.host", "127.0.0.1");
        c.put("server.port", "0");
        c.put("cluster.name", cluster);
        // The order JVM that CrashIT starts verifies identities as the in-process nodes do (TestIdentity signs them).
        c.put("identity.secret", TestIdentity.SECRET);
        c.put("db.orders.source", "jdbc");
        c.put("db.orders.connection.url", jdbcUrl);
        c.put("db.orders.connection.username", Env.get("db.app.user"));
        c.put("db.orders.connection.password", Env.get("db.app.password"));
        c.put("db.orders.connection.connectionTimeout", "2000");
        c.put("db.orders.connection.initializationFailTimeout", "-1");
        c.put("db.orders.connection.maximumPoolSize", "24");
        c.put("db.reads.source", "jdbc");
        c.put("db.reads.connection.url", jdbcUrl);
        c.put("db.reads.connection.username", Env.get("db.app.user"));
        c.put("db.reads.connection.password", Env.get("db.app.password"));
        c.put("db.reads.connection.initializationFailTimeout", "-1");
        c.put("db.reads.connection.maximumPoolSize", "8");
        c.put("redis.url", Checkouts.redisUrl(cluster));
        // These ITs are one address playing hundreds of shoppers a minute, in the environment's Redis, where the
        // default per-address bucket (1000 a minute, shared with every other IT) ran dry in a CI run: a bucket of
        // their own, and room for them. The limits themselves are tested by ApiTest and CartIT.
        c.put("order.rate-limit.buckets", "rl-order-it");
        c.put("order.rate-limit.per-ip", "1000000");
        c.put("catalog.url", Env.get("catalog.url"));
        c.put("ft.offers.timeout", OFFERS_TIMEOUT);
        c.put("stock.url", Env.get("stock.url"));
        c.put("offers.url", Env.get("offers.url"));
        c.put("psp.url", pspUrl);
        c.put("kafka.bootstrap", kafka);
        c.put("order.node", "1");
        c.put("order.worker.polling-interval", "PT0.2S");
        c.put("order.worker.heartbeat-interval", "PT1S");
        c.put("order.worker.missed-heartbeats", "5");
        c.put("order.worker.retry.base", "PT0.2S");
        c.put("order.worker.retry.cap", "PT2S");
        c.put("order.worker.sweep-every", "PT1S");
        c.put("order.worker.sweep-idle", "PT3S");
        c.put("order.outbox.idle-wait", "PT0.1S");
        c.put("order.outbox.max-block", "PT2S");
        c.put("payment.provider.timeout", "PT5S");
        c.put("payment.retry.base", "PT0.05S");
        return c;
    }

    static OrderNode start(Map<String, String> settings) {
        Config config = Config.just(ConfigSources.create(settings));
        Stores stores = Stores.create(config);
        OrderModule[] module = new OrderModule[1];
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> {
                    ErrorHandlers.register(routing);
                    Identity.register(routing, TestIdentity.ASSERTIONS);
                    module[0] = OrderModule.register(routing, config, stores);
                })
                .build()
                .start();
        return new OrderNode(stores, server, module[0],
                Checkouts.of(settings.get("cluster.name"), settings.get("db.orders.connection.url")));
    }

    /** A cart of the user's on this node's cluster, an address of theirs, and the body that orders them. */
    String body(String user, String card, String... products) {
        return checkouts.body(user, card, products);
    }

    /**
     * Places a new cart of the user's and follows the order as a shopper would: an order that ends PRICE_CHANGED
     * (offers timed out between the cart and the order on a busy machine) is placed again at the new total.
     *
     * @return the last order, CONFIRMED or FAILED
     */
    JsonObject checkout(String user, String card, Duration within, String... products) {
        Checkouts.Shopper shopper = checkouts.shopper(user, products);
        long total = shopper.total();
        JsonObject order = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> placed = place(user, "it-key-" + java.util.UUID.randomUUID(), shopper.body(card, total));
            if (placed.statusCode() != 202) {
                throw new AssertionError("place: " + placed.statusCode() + " " + placed.body());
            }
            order = awaitTerminal(user, json(placed).getString("orderNumber"), within);
            if (!order.containsKey("failure") || !order.getJsonObject("failure").getString("code").equals("PRICE_CHANGED")) {
                return order;
            }
            total = order.getJsonNumber("totalCents").longValue();
        }
        return order;
    }

    Checkouts checkouts() {
        return checkouts;
    }

    OrderModule module() {
        return module;
    }

    URI base() {
        return base;
    }

    HttpResponse<String> place(String user, String key, String body) {
        // Generous: this asserts behaviour, not latency, and the shared machine is often far over its 2 cores.
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("X-User-Id", user);
            request.header("X-Identity-Assertion", TestIdentity.assertion(user));
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    HttpResponse<String> get(String user, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("X-User-Id", user).header("X-Identity-Assertion", TestIdentity.assertion(user))
                .timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** Polls the order until CONFIRMED or FAILED. */
    JsonObject awaitTerminal(String user, String number, Duration within) {
        return awaitTerminal(base, user, number, within);
    }

    static JsonObject awaitTerminal(URI base, String user, String number, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/orders/" + number))
                        .header("X-User-Id", user).header("X-Identity-Assertion", TestIdentity.assertion(user)).timeout(Duration.ofSeconds(5)).GET().build());
                if (response.statusCode() == 200) {
                    last = json(response);
                    String status = last.getString("status");
                    if (status.equals("CONFIRMED") || status.equals("FAILED")) {
                        return last;
                    }
                }
            } catch (RuntimeException e) {
                // a node being restarted: ask again
            }
            JavaProcess.sleep(100);
        }
        throw new AssertionError("order " + number + " not finished within " + within + ": " + last);
    }

    @Override
    public void close() {
        module.close();
        server.stop();
        stores.orders().ifPresent(io.helidon.dbclient.DbClient::close);
        stores.close();
    }
}
