package io.tandem.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

import io.tandem.common.pricing.Product;
import io.tandem.common.stock.StockLevel;
import io.tandem.common.stock.StockLine;
import io.tandem.common.testing.TestEnv;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store on the environment's real db-stock, with products of its own (random ids) so runs never clash. */
class StockStoreIT {
    private static StockStore store;
    /** Holds made through this one are already expired: the real clock, so a sweep expires nothing else early. */
    private static StockStore expiring;

    @BeforeAll
    static void connect() {
        TestEnv env = TestEnv.require();
        MigrateMain.migrate(env.get("db.stock.jdbc"), env.get("db.admin.user"), env.get("db.admin.password"));
        DbClient db = DbClient.create(Config.just(ConfigSources.create(Map.of("source", "jdbc",
                "connection.url", env.get("db.stock.jdbc"), "connection.username", env.get("db.app.user"),
                "connection.password", env.get("db.app.password"), "connection.maximumPoolSize", "24"))));
        store = new StockStore(new Tx(db, Main.DEFAULT_TX_ATTEMPTS), Duration.ofMinutes(10), System::currentTimeMillis);
        expiring = new StockStore(new Tx(db, Main.DEFAULT_TX_ATTEMPTS), Duration.ofMillis(-1), System::currentTimeMillis);
    }

    private static String product(int stock) {
        String id = "IT-" + UUID.randomUUID().toString().substring(0, 12);
        store.seed(List.of(new Product(id, "test", 100, "EUR", stock)));
        return id;
    }

    private static String order() {
        return "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static StockLevel level(String id) {
        return store.levels(List.of(id)).get(id);
    }

    @Test
    void holdsAllLinesOrNoneAndARepeatNeverHoldsTwice() {
        String a = product(5);
        String b = product(1);
        String order = order();
        StockStore.Refused refused = assertThrows(StockStore.Refused.class,
                () -> store.reserve(order, List.of(new StockLine(a, 2), new StockLine(b, 2))));
        assertThat(refused.refusal().code(), is("OUT_OF_STOCK"));
        assertThat(refused.refusal().productId(), is(b));
        assertThat(level(a), is(new StockLevel(a, 5, 0, 0)));

        assertThat(store.reserve(order, List.of(new StockLine(a, 2), new StockLine(b, 1))).status(), is("HELD"));
        assertThat(store.reserve(order, List.of(new StockLine(b, 1), new StockLine(a, 2))).status(), is("HELD"));
        assertThat(level(a), is(new StockLevel(a, 3, 2, 0)));
        assertThat(level(b), is(new StockLevel(b, 0, 1, 0)));

        assertThat(store.commit(order).status(), is("COMMITTED"));
        assertThat(store.commit(order).status(), is("COMMITTED"));
        assertThat(level(a), is(new StockLevel(a, 3, 0, 2)));
        assertThat(assertThrows(StockStore.Refused.class, () -> store.release(order)).refusal().code(),
                is("RESERVATION_COMMITTED"));
    }

    @Test
    void releaseGivesBackAndATombstoneRefusesALateReserve() {
        String a = product(3);
        String held = order();
        store.reserve(held, List.of(new StockLine(a, 3)));
        assertThat(store.release(held).status(), is("RELEASED"));
        assertThat(store.release(held).status(), is("RELEASED"));
        assertThat(level(a), is(new StockLevel(a, 3, 0, 0)));

        String never = order();
        assertThat(store.release(never).status(), is("RELEASED"));
        assertThat(assertThrows(StockStore.Refused.class, () -> store.reserve(never, List.of(new StockLine(a, 1))))
                .refusal().code(), is("RESERVATION_RELEASED"));
        assertThat(level(a).held(), is(0));
    }

    @Test
    void expiredHoldsGiveTheirStockBackAndACommitRetakesItWhileItIsThere() {
        String a = product(2);
        String late = order();
        expiring.reserve(late, List.of(new StockLine(a, 2)));
        Sweeper sweeper = new Sweeper(store, new StockMetrics(), 1000);
        // The environment's own stock service sweeps the same database and may expire the hold first (a CI run
        // saw it): whoever swept, it is expired.
        sweeper.sweep();
        assertThat(store.find(late).orElseThrow().status(), is("EXPIRED"));
        assertThat(level(a), is(new StockLevel(a, 2, 0, 0)));
        assertThat(store.commit(late).status(), is("COMMITTED"));
        assertThat(level(a), is(new StockLevel(a, 0, 0, 2)));

        String b = product(1);
        String gone = order();
        expiring.reserve(gone, List.of(new StockLine(b, 1)));
        sweeper.sweep();
        store.reserve(order(), List.of(new StockLine(b, 1)));
        StockStore.Refused expired = assertThrows(StockStore.Refused.class, () -> store.commit(gone));
        assertThat(expired.refusal().code(), is("HOLD_EXPIRED"));
        assertThat(expired.refusal().productId(), is(b));
    }

    @Test
    void twoHundredConcurrentReservesOfAStockOfFiftyHoldExactlyFifty() throws Exception {
        String hot = product(0);
        store.setAvailable(hot, 50);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                String order = order();
                pool.submit(() -> {
                    go.await();
                    try {
                        store.reserve(order, List.of(new StockLine(hot, 1)));
                        store.reserve(order, List.of(new StockLine(hot, 1))); // a retry: never a second hold
                        held.incrementAndGet();
                    } catch (StockStore.Refused e) {
                        refused.incrementAndGet();
                    } catch (RuntimeException e) {
                        synchronized (errors) {
                            errors.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(errors.toString(), errors.isEmpty(), is(true));
        assertThat(held.get(), is(50));
        assertThat(refused.get(), is(150));
        assertThat(level(hot), is(new StockLevel(hot, 0, 50, 0)));
    }
}
