package io.tandem.order.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

import io.tandem.order.number.DbNodeLeases;
import io.tandem.order.number.NodeLease;
import io.tandem.order.number.NodeLeases;
import io.tandem.order.number.NoNodeLeaseException;
import io.tandem.order.number.OrderNumber;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The node-lease SQL ({@link DbNodeLeases}) on the real db-a, as cluster "d" (no order node of the environment or of
 * another IT leases d's ids on db-a): concurrent takers on the database's row locks, expiry on the database's clock,
 * release, and the fence on the mark. Short leases, so expiry is waited for, not faked.
 */
class NodeLeaseIT {
    private static final String CLUSTER = "d";
    private static final Duration TTL = Duration.ofMillis(800);
    private static String jdbc;
    private static DbClient db;
    private static DbNodeLeases leases;

    @BeforeAll
    static void start() {
        jdbc = Env.get("db.a.jdbc");
        Schema.migrate(jdbc);
        db = DbClient.create(Config.just(ConfigSources.create(Map.of(
                "source", "jdbc",
                "connection.url", jdbc,
                "connection.username", Env.get("db.app.user"),
                "connection.password", Env.get("db.app.password"),
                "connection.maximumPoolSize", "40"))));
        leases = new DbNodeLeases(db);
    }

    @BeforeEach
    void freeEveryId() {
        // Test data of this cluster only: every id of "d" on db-a free, marks kept (they only ever move up).
        Db.update(jdbc, "UPDATE order_node_lease SET expires_at = 0 WHERE cluster = ?", CLUSTER);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            Db.update(jdbc, "UPDATE order_node_lease SET expires_at = 0 WHERE cluster = ?", CLUSTER);
            db.close();
        }
    }

    @Test
    void everyIdHasOneRowPerClusterLetter() {
        assertThat(Db.count(jdbc, "SELECT COUNT(*) FROM order_node_lease"), is(4L * (OrderNumber.MAX_NODE + 1)));
        assertThat(Db.count(jdbc, "SELECT COUNT(*) FROM order_node_lease WHERE cluster = ? AND node BETWEEN 0 AND 127",
                CLUSTER), is((long) OrderNumber.MAX_NODE + 1));
    }

    @Test
    void concurrentTakersOnTheDatabaseNeverShareAnIdAndTheOneTooManyGetsNone() throws Exception {
        int takers = OrderNumber.MAX_NODE + 1 + 3;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Optional<NodeLeases.Taken>>> all = new ArrayList<>();
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < takers; i++) {
            String token = "it-taker-" + i;
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return leases.acquire(CLUSTER, token, 0, Duration.ofSeconds(30));
            }, threads));
        }
        go.countDown();
        threads.close();
        Set<Integer> held = new HashSet<>();
        int none = 0;
        for (CompletableFuture<Optional<NodeLeases.Taken>> f : all) {
            Optional<NodeLeases.Taken> taken = f.get();
            if (taken.isPresent()) {
                assertThat("id " + taken.get().node() + " taken twice", held.add(taken.get().node()), is(true));
            } else {
                none++;
            }
        }
        assertThat(held.size(), is(OrderNumber.MAX_NODE + 1));
        assertThat(none, is(takers - (OrderNumber.MAX_NODE + 1)));
        assertThat(Db.count(jdbc, "SELECT COUNT(DISTINCT holder) FROM order_node_lease WHERE cluster = ?"
                + " AND holder LIKE 'it-taker-%'", CLUSTER), is((long) OrderNumber.MAX_NODE + 1));
    }

    @Test
    void anExpiredLeaseIsTakenOverOnTheDatabaseClockAndTheOldTokenIsFencedOut() throws Exception {
        NodeLeases.Taken old = leases.acquire(CLUSTER, "it-old", 5, TTL).orElseThrow();
        assertThat(old.node(), is(5));
        assertThat(leases.renew(CLUSTER, 5, "it-old", TTL), is(true));
        assertThat(leases.storeMark(CLUSTER, 5, "it-old", old.mark() + 1_000_000), is(true));
        // Held: another taker gets another id.
        assertThat(leases.acquire(CLUSTER, "it-other", 5, TTL).orElseThrow().node(), is(0));

        Thread.sleep(TTL.toMillis() + 300);
        NodeLeases.Taken taker = leases.acquire(CLUSTER, "it-taker", 5, TTL).orElseThrow();
        assertThat(taker.node(), is(5));
        assertThat(taker.mark(), is(old.mark() + 1_000_000));
        assertThat(leases.renew(CLUSTER, 5, "it-old", TTL), is(false));
        assertThat(leases.storeMark(CLUSTER, 5, "it-old", old.mark() + 2_000_000), is(false));
        assertThat(Db.count(jdbc, "SELECT mark_millis FROM order_node_lease WHERE cluster = ? AND node = 5", CLUSTER),
                is(old.mark() + 1_000_000));
    }

    @Test
    void aReleasedIdIsTakenAgainAtOnce() {
        NodeLeases.Taken first = leases.acquire(CLUSTER, "it-first", 9, Duration.ofMinutes(1)).orElseThrow();
        leases.release(CLUSTER, first.node(), "it-first");
        assertThat(leases.renew(CLUSTER, first.node(), "it-first", TTL), is(false));
        assertThat(leases.acquire(CLUSTER, "it-second", 9, Duration.ofMinutes(1)).orElseThrow().node(), is(9));
    }

    @Test
    void twoNodeLeasesNumberApartAndTheSecondTakesOverTheFirstsIdAboveItsNumbers() {
        NodeLease first = new NodeLease(leases, CLUSTER, 11, "it-p1", Duration.ofSeconds(2), Duration.ofMillis(500),
                System::nanoTime, System::currentTimeMillis);
        NodeLease second = new NodeLease(leases, CLUSTER, 11, "it-p2", Duration.ofSeconds(2), Duration.ofMillis(500),
                System::nanoTime, System::currentTimeMillis);
        first.tick();
        second.tick();
        OrderNumber a = first.next();
        OrderNumber b = second.next();
        assertThat(a.node(), is(11));
        assertThat(b.node(), is(0));
        first.close();
        assertThrows(NoNodeLeaseException.class, first::next);
        NodeLease third = new NodeLease(leases, CLUSTER, 11, "it-p3", Duration.ofSeconds(2), Duration.ofMillis(500),
                System::nanoTime, System::currentTimeMillis);
        third.tick();
        assertThat(third.node().getAsInt(), is(11));
        assertThat(third.next().value(), greaterThan(a.value()));
        second.close();
        third.close();
    }
}
