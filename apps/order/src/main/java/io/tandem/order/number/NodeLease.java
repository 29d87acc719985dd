package io.tandem.order.number;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The node id (0..127) of this order process, leased from its cluster's order database, and the order numbers made
 * with it. At start, and every {@code renew} after, one {@link #tick}: take a free id when none is held (the preferred
 * one if free, else the lowest free), else renew the held one for {@code ttl}. On stop the id is released at once.
 *
 * <p>Never two holders of one id, in three layers:
 * <ol>
 *   <li>the store judges expiry on its own clock (the database's), and takes an id only when expired or released;</li>
 *   <li>this process judges its lease on its monotonic clock only: valid until the moment it <em>sent</em> its last
 *   successful renewal plus {@code ttl}, which is never later than the expiry the store set (the store's clock read
 *   it after). Past that (renewals failing: the database unreachable, the JVM stalled) {@link #next} refuses
 *   ({@link NoNodeLeaseException}, the API's 503) until an id is held again. No clock of another machine is compared
 *   with ours, so skew between them does not matter; a clock that runs at another <em>rate</em> would, and machines'
 *   drift (ppm) is far inside one renewal interval;</li>
 *   <li>a number past the generator's stored mark needs that mark stored first, and the store takes it only from the
 *   live holder ({@link NodeLeases#storeMark}): a holder stalled past its expiry (a long GC pause between its check and
 *   its number) cannot go above the mark the next holder resumed from. Numbers below the mark were reserved while
 *   the lease was valid, and the next holder starts above the mark.</li>
 * </ol>
 * Each acquisition has a token of its own ({@code name/n}), so numbers of a lost lease can never pass as a later one's.
 */
public final class NodeLease implements OrderNumbers, AutoCloseable {
    /** Default lease length: the order worker's 3 s heartbeat x 4 missed, when that says a node is dead. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(12);
    /** Default renew interval: the order worker's heartbeat. */
    public static final Duration DEFAULT_RENEW = Duration.ofSeconds(3);
    /** The id taken when free, unless config says otherwise ({@code order.node}). */
    public static final int DEFAULT_PREFERRED = 0;
    private static final System.Logger LOG = System.getLogger(NodeLease.class.getName());

    private final NodeLeases store;
    private final String cluster;
    private final int preferred;
    private final String name;
    private final Duration ttl;
    private final Duration renew;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Held held;
    private ScheduledExecutorService timer;
    private boolean closed;

    /** The lease this process holds: its id, token, its own deadline (monotonic nanos) and the numbers made under it. */
    private record Held(int node, String token, long validUntilNanos, OrderNumberGenerator numbers) {
        Held renewed(long until) {
            return new Held(node, token, until, numbers);
        }
    }

    /**
     * @param cluster   this process's cluster ("a".."d")
     * @param preferred the id taken when it is free (0..127)
     * @param name      this process's name (the order worker's scheduler name), the start of every lease token
     * @param ttl       lease length, on the store's clock
     * @param renew     how often the lease is renewed (and a free id looked for while none is held); under ttl/2, so
     *                  one renewal may fail without losing the lease
     * @param nanoClock monotonic nanoseconds (System::nanoTime)
     * @param wallClock epoch milliseconds, for the order numbers (System::currentTimeMillis)
     */
    public NodeLease(NodeLeases store, String cluster, int preferred, String name, Duration ttl, Duration renew,
                     LongSupplier nanoClock, LongSupplier wallClock) {
        OrderNumber.clusterIndex(cluster);
        if (preferred < 0 || preferred > OrderNumber.MAX_NODE) {
            throw new IllegalArgumentException("order.node (the preferred node id) must be 0.." + OrderNumber.MAX_NODE
                    + ": " + preferred);
        }
        if (renew.isZero() || renew.isNegative() || renew.multipliedBy(2).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("order.node-lease: renew (" + renew + ") must be above 0 and at most half"
                    + " of ttl (" + ttl + ")");
        }
        this.store = store;
        this.cluster = cluster;
        this.preferred = preferred;
        this.name = name;
        this.ttl = ttl;
        this.renew = renew;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    /**
     * Takes (or keeps trying to take) an id now and every {@code renew}, on a thread of its own. Returns at once: a
     * cluster starts, and serves carts, while its order database is down; orders wait for an id (503 meanwhile).
     */
    public synchronized void start() {
        if (timer == null && !closed) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("node-lease-" + cluster)
                    .factory());
            timer.scheduleWithFixedDelay(this::tickQuietly, 0, renew.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** One round: take an id when none is held, else renew it; a lease past its own deadline is dropped first. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        Held current = held;
        long sent = nanoClock.getAsLong();
        if (current != null && sent - current.validUntilNanos() >= 0) {
            lost(current, "not renewed within " + ttl);
            // Its row may still be ours on the database's clock: free it rather than hold two ids until it expires.
            releaseQuietly(current);
            current = null;
        }
        if (current == null) {
            String token = name + "/" + generation.incrementAndGet();
            Optional<NodeLeases.Taken> taken = store.acquire(cluster, token, preferred, ttl);
            if (taken.isEmpty()) {
                LOG.log(Level.WARNING, "cluster " + cluster + ": every order node id (0.." + OrderNumber.MAX_NODE
                        + ") is leased; no order numbers until one is free");
                return;
            }
            int node = taken.get().node();
            held = new Held(node, token, sent + ttl.toNanos(), OrderNumberGenerator.create(cluster, node, wallClock,
                    new LeasedMark(node, token, taken.get().mark()), OrderNumberGenerator.DEFAULT_LEASE));
            LOG.log(Level.INFO, "cluster " + cluster + ": order node id " + node + " leased (" + token + ")");
        } else if (store.renew(cluster, current.node(), current.token(), ttl)) {
            if (held == current) {
                held = current.renewed(sent + ttl.toNanos());
            }
        } else {
            lost(current, "the database says it expired or was taken");
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // The database not answering: the lease runs out by itself on our clock; the next tick tries again.
            LOG.log(Level.WARNING, "cluster " + cluster + ": node lease round failed: " + e.getMessage());
        }
    }

    private synchronized void lost(Held lease, String why) {
        if (held == lease) {
            held = null;
            LOG.log(Level.WARNING, "cluster " + cluster + ": order node id " + lease.node() + " lost (" + why
                    + "): no order numbers until a lease is held again");
        }
    }

    /** The next order number under the held lease; refuses when none is held or ours ran out. */
    @Override
    public OrderNumber next() {
        Held current = held;
        if (current == null) {
            throw new NoNodeLeaseException("this order process holds no node id yet");
        }
        if (nanoClock.getAsLong() - current.validUntilNanos() >= 0) {
            lost(current, "not renewed within " + ttl);
            throw new NoNodeLeaseException("this order process's node id " + current.node() + " was not renewed in time");
        }
        try {
            return current.numbers().next();
        } catch (NoNodeLeaseException e) {
            lost(current, "the database refused its mark");
            throw e;
        }
    }

    /** The node id held now. */
    public OptionalInt node() {
        Held current = held;
        return current == null ? OptionalInt.empty() : OptionalInt.of(current.node());
    }

    /** Stops renewing and frees the id at once, for the next process to take without waiting out the ttl. */
    @Override
    public void close() {
        Held last;
        synchronized (this) {
            closed = true;
            last = held;
            held = null;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (last != null) {
            releaseQuietly(last);
        }
    }

    private void releaseQuietly(Held lease) {
        try {
            store.release(cluster, lease.node(), lease.token());
            LOG.log(Level.INFO, "cluster " + cluster + ": order node id " + lease.node() + " released");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster " + cluster + ": could not release order node id " + lease.node()
                    + " (free after its ttl): " + e.getMessage());
        }
    }

    /** The mark of one lease: read when it was taken, stored only while this lease holds (the fence). */
    private final class LeasedMark implements HighWaterMark {
        private final int node;
        private final String token;
        private final long taken;

        LeasedMark(int node, String token, long taken) {
            this.node = node;
            this.token = token;
            this.taken = taken;
        }

        @Override
        public long load() {
            // Only a holder stores it: what it was at the acquisition is what it is.
            return taken;
        }

        @Override
        public void store(long mark) {
            if (!store.storeMark(cluster, node, token, mark)) {
                throw new NoNodeLeaseException("node id " + node + " is no longer this process's lease");
            }
        }
    }
}
