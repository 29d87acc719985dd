package io.tandem.order.number;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The node lease on a store with {@link DbNodeLeases}'s semantics and clocks the test moves: the "database clock"
 * (expiry) and each process's own monotonic clock, apart, as on different machines. {@code NodeLeaseIT} runs the SQL.
 */
class NodeLeaseTest {
    private static final Duration TTL = Duration.ofSeconds(12);
    private static final Duration RENEW = Duration.ofSeconds(3);

    private final AtomicLong dbClock = new AtomicLong(1_000_000);
    private final AtomicLong wallClock = new AtomicLong(System.currentTimeMillis());
    private final InMemoryNodeLeases store = new InMemoryNodeLeases(dbClock::get);

    /** One order process: its own monotonic clock, the shared wall clock for numbers. */
    private NodeLease process(String name, int preferred, AtomicLong nanos) {
        return new NodeLease(store, "a", preferred, name, TTL, RENEW, nanos::get, wallClock::get);
    }

    private NodeLease process(String name, int preferred) {
        return process(name, preferred, new AtomicLong());
    }

    @Test
    void twoProcessesPreferringTheSameIdHoldDifferentOnes() {
        NodeLease first = process("p1", 0);
        NodeLease second = process("p2", 0);
        first.tick();
        second.tick();

        assertThat(first.node().getAsInt(), is(0));
        assertThat(second.node().getAsInt(), is(1));
        assertThat(first.next().node(), is(0));
        assertThat(second.next().node(), is(1));
    }

    @Test
    void manyProcessesStartingAtOnceNeverShareAnIdAndTheOneTooManyRefusesOrders() throws Exception {
        int processes = OrderNumber.MAX_NODE + 2;
        List<NodeLease> all = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            all.add(process("p" + i, i % 3));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (NodeLease lease : all) {
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                lease.tick();
            }));
        }
        go.countDown();
        for (CompletableFuture<Void> start : starts) {
            start.get();
        }

        Set<Integer> held = new HashSet<>();
        int without = 0;
        for (NodeLease lease : all) {
            if (lease.node().isPresent()) {
                assertThat("id " + lease.node().getAsInt() + " held twice", held.add(lease.node().getAsInt()), is(true));
            } else {
                without++;
                assertThrows(NoNodeLeaseException.class, lease::next);
            }
        }
        assertThat(held.size(), is(OrderNumber.MAX_NODE + 1));
        assertThat(without, is(1));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderStopsWhileTheNewOneNumbersAboveIt() {
        AtomicLong oldNanos = new AtomicLong();
        NodeLease old = process("old", 5, oldNanos);
        old.tick();
        OrderNumber last = null;
        for (int i = 0; i < 1000; i++) {
            last = old.next();
        }
        // The old process stalls (no renewal reaches the database); the database's clock passes its expiry.
        dbClock.addAndGet(TTL.toMillis());
        NodeLease taker = process("taker", 5);
        taker.tick();
        assertThat(taker.node().getAsInt(), is(5));
        // The newcomer's wall clock is an hour behind: the mark it took over still puts it above the old numbers.
        wallClock.addAndGet(-Duration.ofHours(1).toMillis());
        assertThat(taker.next().value(), greaterThan(last.value()));

        // The old process wakes: on its own clock its deadline passed, so it refuses before asking anyone.
        oldNanos.addAndGet(TTL.toNanos());
        assertThrows(NoNodeLeaseException.class, old::next);
        assertThat(old.node().isPresent(), is(false));
    }

    @Test
    void aHolderWhoseClockSaysValidCannotNumberPastTheMarkOnceTheDatabaseGaveItsIdAway() {
        AtomicLong oldNanos = new AtomicLong();
        NodeLease old = process("old", 7, oldNanos);
        old.tick();
        OrderNumber before = old.next();
        // A stalled JVM whose monotonic clock did not move (the worst case): the database's did, past expiry.
        dbClock.addAndGet(TTL.toMillis() + 1);
        NodeLease taker = process("taker", 7);
        taker.tick();
        List<OrderNumber> taken = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            taken.add(taker.next());
        }
        // Past the old mark (1 s of logical time ahead), the old holder must store a mark: the fence refuses it.
        wallClock.addAndGet(Duration.ofSeconds(5).toMillis());
        assertThrows(NoNodeLeaseException.class, old::next);
        assertThat(old.node().isPresent(), is(false));
        for (OrderNumber n : taken) {
            assertThat(n.value(), greaterThan(before.value()));
        }
    }

    @Test
    void aReleasedIdIsReusableAtOnce() {
        NodeLease first = process("first", 9);
        first.tick();
        OrderNumber last = first.next();
        first.close();
        assertThrows(NoNodeLeaseException.class, first::next);

        NodeLease next = process("next", 9);
        next.tick();
        assertThat(next.node().getAsInt(), is(9));
        assertThat(next.next().value(), greaterThan(last.value()));
    }

    @Test
    void aHolderThatMissedItsRenewalsStopsIssuingAndTakesAnIdAgainWhenTheDatabaseIsBack() {
        AtomicLong nanos = new AtomicLong();
        NodeLease lease = process("p", 3, nanos);
        lease.tick();
        lease.next();
        store.down.set(true);
        for (int round = 1; round <= 3; round++) {
            nanos.addAndGet(RENEW.toNanos());
            assertThrows(IllegalStateException.class, lease::tick);
            // Within its ttl on its own clock it still numbers: 3 renewals may fail.
            assertThat(lease.next().node(), is(3));
        }
        nanos.addAndGet(RENEW.toNanos()); // 12 s since the last renewal was sent
        assertThrows(NoNodeLeaseException.class, lease::next);

        store.down.set(false);
        dbClock.addAndGet(TTL.toMillis());
        lease.tick();
        assertThat(lease.node().getAsInt(), is(3));
        assertThat(lease.next().node(), is(3));
    }

    @Test
    void aRenewalTheDatabaseRefusesDropsTheLeaseAtOnce() {
        AtomicLong nanos = new AtomicLong();
        NodeLease lease = process("p", 4, nanos);
        lease.tick();
        dbClock.addAndGet(TTL.toMillis()); // expired on the database's clock, though not on ours
        NodeLease taker = process("taker", 4);
        taker.tick();
        nanos.addAndGet(RENEW.toNanos());
        lease.tick(); // renew refused; a new id is taken in the next round
        assertThat(lease.node().isPresent(), is(false));
        assertThrows(NoNodeLeaseException.class, lease::next);
        lease.tick();
        assertThat(lease.node().getAsInt(), is(0));
        assertThat(store.holder(4).startsWith("taker/"), is(true));
    }

    @Test
    void aRenewIntervalOverHalfTheTtlIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new NodeLease(store, "a", 0, "p", Duration.ofSeconds(4),
                Duration.ofSeconds(3), System::nanoTime, System::currentTimeMillis));
        assertThrows(IllegalArgumentException.class, () -> new NodeLease(store, "a", 128, "p", TTL, RENEW,
                System::nanoTime, System::currentTimeMillis));
    }
}
