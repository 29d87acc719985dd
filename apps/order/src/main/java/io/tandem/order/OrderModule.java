package io.tandem.order;

import java.time.Duration;

import javax.sql.DataSource;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.address.AddressSnapshots;
import io.tandem.common.api.Api;
import io.tandem.common.checkout.CheckoutCarts;
import io.tandem.common.flag.FlagCheck;
import io.tandem.flags.TandemFlags;
import io.tandem.common.pricing.PricingClient;
import io.tandem.common.ratelimit.RateLimits;
import io.tandem.common.store.Stores;
import io.tandem.order.api.OrderService;
import io.tandem.order.checkout.CheckoutBinder;
import io.tandem.order.number.DbNodeLeases;
import io.tandem.order.number.NodeLease;
import io.tandem.order.observe.OrderMetrics;
import io.tandem.order.outbox.OutboxRelay;
import io.tandem.order.pricing.PricingClientPricer;
import io.tandem.order.sagas.placeorder.OrderWorker;
import io.tandem.order.sagas.placeorder.PlaceOrderSaga;
import io.tandem.common.stock.StockClient;
import io.tandem.order.stock.StockHolds;
import io.tandem.order.store.Orders;
import io.tandem.order.store.PooledDataSource;
import io.tandem.order.store.Transactions;
import io.tandem.payment.Payments;

import redis.clients.jedis.RedisClient;

/**
 * The order service of one cluster, wired: API, saga worker, outbox relay. Started by {@link #register};
 * closed on shutdown.
 *
 * <p>Config (root): {@code cluster.name}; {@code catalog.url}, {@code offers.url}, {@code stock.url}, {@code psp.url},
 * {@code kafka.bootstrap} (the keys envs/local passes); {@code ft.catalog}, {@code ft.offers} (pricing, shared
 * with the cart in one process), {@code ft.stock}; {@code order.node} (the preferred node id),
 * {@code order.node-lease.{ttl,renew}}, {@code order.pricing.deadline},
 * {@code order.stock.deadline},
 * {@code order.worker.*}, {@code order.outbox.*}, {@code order.rate-limit.*}, {@code order.address.replica-wait},
 * {@code payment.*}; the stores {@code db.orders}, {@code db.reads} (addresses) and {@code redis} (checkout carts,
 * rate limits).
 */
public final class OrderModule implements AutoCloseable {
    private final OrderWorker worker;
    private final OutboxRelay relay;
    private final NodeLease lease;

    private OrderModule(OrderWorker worker, OutboxRelay relay, NodeLease lease) {
        this.worker = worker;
        this.relay = relay;
        this.lease = lease;
    }

    /**
     * Adds {@code /v1/orders} to a routing and starts the order worker and outbox relay of this cluster.
     *
     * @param routing    the routing to add to
     * @param config     root config
     * @param stores     this cluster's stores ({@code orders()} is required)
     * @param pricing    the process's pricing client (the cart's: same breakers, same {@code offer_kill_switch} read)
     * @return the running module, to close on shutdown
     */
    public static OrderModule register(HttpRouting.Builder routing, Config config, Stores stores, PricingClient pricing) {
        DbClient db = stores.orders().orElseThrow(() -> new IllegalStateException("orders need db.orders"));
        String cluster = config.get("cluster.name").asString().orElse("a");
        Config order = config.get("order");
        DataSource dataSource = new PooledDataSource(db);
        Transactions transactions = new Transactions(dataSource);
        OrderMetrics metrics = new OrderMetrics(cluster,
                order.get("metrics.currencies").asList(String.class).orElse(OrderMetrics.DEFAULT_CURRENCIES));
        Orders orders = new Orders(db, transactions);
        // One name for this process in both places that say a node is alive: the worker's heartbeats (picked_by) and
        // the start of its node-lease tokens. Pid and a random part: two JVMs of a cluster may share a pid on two hosts.
        String name = "order-" + cluster + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        NodeLease numbers = nodeLease(db, cluster, name, order);
        StockHolds stock = new StockHolds(StockHolds.Stock.of(new StockClient(config)),
                order.get("stock.deadline").as(Duration.class).orElse(StockHolds.DEFAULT_DEADLINE), System::currentTimeMillis);
        PlaceOrderSaga saga = new PlaceOrderSaga(orders, new PricingClientPricer(pricing), stock,
                Payments.fromRoot(config, db), metrics,
                order.get("pricing.deadline").as(Duration.class).orElse(PlaceOrderSaga.DEFAULT_PRICING_DEADLINE));
        saga.stepPause(order.get("saga.step-pause").as(Duration.class).orElse(Duration.ZERO));
        OrderWorker worker = new OrderWorker(dataSource, saga, orders, order.get("worker"), cluster, name);
        Config outboxConfig = order.get("outbox");
        String bootstrap = outboxConfig.get("bootstrap-servers").asString()
                .or(() -> config.get("kafka.bootstrap").asString().asOptional()).orElse(OutboxRelay.DEFAULT_BOOTSTRAP);
        OutboxRelay relay = new OutboxRelay(db, dataSource, outboxConfig, bootstrap, cluster);
        saga.onConfirmed(relay::wake);
        metrics.gauge("outbox_lag_seconds", "age of the oldest outbox row not yet in Kafka",
                () -> relay.lagMillis() / 1000.0);
        metrics.gauge("outbox_pending", "outbox rows not yet acknowledged by Kafka", relay::pending);
        metrics.gauge("order_node_id", "the order-number node id this process leases, -1 while it holds none",
                () -> numbers.node().orElse(-1));
        // Rate limits in this cluster's Redis when there is one (config order.rate-limit: buckets of its own, since
        // a client polls its order); the idempotency of a placement is the order database's, not Redis's.
        Api api = Api.builder("order")
                .rateLimits(stores.redis().map(redis -> RateLimits.redis(redis, order.get("rate-limit"))).orElse(null))
                .build();
        routing.register(new OrderService(api, orders, numbers, worker, metrics, cluster, binder(config, stores, cluster)));
        numbers.start();
        worker.start();
        relay.start();
        return new OrderModule(worker, relay, numbers);
    }

    /**
     * The node lease: one notion of a live node with the worker's heartbeat. Unless {@code order.node-lease.*} says
     * otherwise it is renewed at the worker's {@code heartbeat-interval} and lasts {@code heartbeat-interval x
     * missed-heartbeats}: a process is dead for order numbers exactly when db-scheduler revives its sagas elsewhere
     * (defaults 3 s and 12 s: {@link OrderWorker#DEFAULT_HEARTBEAT}, {@link OrderWorker#DEFAULT_MISSED_HEARTBEATS}).
     */
    static NodeLease nodeLease(DbClient db, String cluster, String name, Config order) {
        Duration heartbeat = order.get("worker.heartbeat-interval").as(Duration.class).orElse(OrderWorker.DEFAULT_HEARTBEAT);
        int missed = order.get("worker.missed-heartbeats").asInt().orElse(OrderWorker.DEFAULT_MISSED_HEARTBEATS);
        Duration ttl = order.get("node-lease.ttl").as(Duration.class).orElse(heartbeat.multipliedBy(missed));
        Duration renew = order.get("node-lease.renew").as(Duration.class).orElse(heartbeat);
        return new NodeLease(new DbNodeLeases(db), cluster, order.get("node").asInt().orElse(NodeLease.DEFAULT_PREFERRED),
                name, ttl, renew, System::nanoTime, System::currentTimeMillis);
    }

    /**
     * Reads the session's checkout cart from this cluster's Redis and the user's address from {@code db.reads}; on a
     * cluster that reads a replica (no {@code db.primary}), an address not yet there is waited for up to
     * {@code order.address.replica-wait} (default {@link CheckoutBinder#DEFAULT_ADDRESS_WAIT}).
     */
    static CheckoutBinder binder(Config config, Stores stores, String cluster) {
        RedisClient redis = stores.redis().orElseThrow(() -> new IllegalStateException(
                "orders read checkout carts from this cluster's Redis (config redis.url)"));
        DbClient reads = stores.reads().orElseThrow(() -> new IllegalStateException(
                "orders read addresses from db.reads"));
        Duration wait = stores.primary().isPresent() ? Duration.ZERO
                : config.get("order.address.replica-wait").as(Duration.class).orElse(CheckoutBinder.DEFAULT_ADDRESS_WAIT);
        AddressSnapshots addresses = AddressSnapshots.reading(reads);
        return new CheckoutBinder(cluster, CheckoutCarts.redis(redis), addresses::find, wait, System::currentTimeMillis);
    }

    /** Same, with a pricing client of its own reading flags through {@code flags}. */
    public static OrderModule register(HttpRouting.Builder routing, Config config, Stores stores, FlagCheck flags) {
        return register(routing, config, stores, new PricingClient(config, flags));
    }

    /**
     * Same, without a flags library: {@code offer_kill_switch} read from config
     * ({@code order.pricing.offer-kill-switch}, default off).
     */
    public static OrderModule register(HttpRouting.Builder routing, Config config, Stores stores) {
        boolean killed = config.get("order.pricing.offer-kill-switch").asBoolean().orElse(false);
        return register(routing, config, stores,
                (flag, userId) -> killed && flag == TandemFlags.OFFER_KILL_SWITCH);
    }

    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public void close() {
        relay.close();
        worker.close();
        // Last: the routes are stopped before the module, and the worker's sagas number nothing.
        lease.close();
    }
}
