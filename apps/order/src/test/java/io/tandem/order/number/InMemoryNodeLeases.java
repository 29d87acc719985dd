package io.tandem.order.number;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * {@link DbNodeLeases}'s statements, one by one, on an array under one lock (each SQL statement is atomic on its rows),
 * with the "database clock" a test moves. {@link #down} makes every call fail as a database that does not answer.
 */
final class InMemoryNodeLeases implements NodeLeases {
    private final LongSupplier dbClock;
    final AtomicBoolean down = new AtomicBoolean();
    private final String[] holder = new String[OrderNumber.MAX_NODE + 1];
    private final long[] expiresAt = new long[OrderNumber.MAX_NODE + 1];
    private final long[] mark = new long[OrderNumber.MAX_NODE + 1];

    InMemoryNodeLeases(LongSupplier dbClock) {
        this.dbClock = dbClock;
        java.util.Arrays.fill(mark, -1);
    }

    private void check() {
        if (down.get()) {
            throw new IllegalStateException("order database not answering");
        }
    }

    @Override
    public synchronized Optional<Taken> acquire(String cluster, String token, int preferred, Duration ttl) {
        check();
        long now = dbClock.getAsLong();
        int chosen = -1;
        if (expiresAt[preferred] <= now) {
            chosen = preferred;
        } else {
            for (int n = 0; n <= OrderNumber.MAX_NODE && chosen < 0; n++) {
                if (expiresAt[n] <= now) {
                    chosen = n;
                }
            }
        }
        if (chosen < 0) {
            return Optional.empty();
        }
        holder[chosen] = token;
        expiresAt[chosen] = now + ttl.toMillis();
        return Optional.of(new Taken(chosen, mark[chosen]));
    }

    @Override
    public synchronized boolean renew(String cluster, int node, String token, Duration ttl) {
        check();
        long now = dbClock.getAsLong();
        if (!token.equals(holder[node]) || expiresAt[node] <= now) {
            return false;
        }
        expiresAt[node] = now + ttl.toMillis();
        return true;
    }

    @Override
    public synchronized void release(String cluster, int node, String token) {
        check();
        long now = dbClock.getAsLong();
        if (token.equals(holder[node]) && expiresAt[node] > now) {
            expiresAt[node] = now;
        }
    }

    @Override
    public synchronized boolean storeMark(String cluster, int node, String token, long value) {
        check();
        if (!token.equals(holder[node]) || expiresAt[node] <= dbClock.getAsLong()) {
            return false;
        }
        mark[node] = Math.max(mark[node], value);
        return true;
    }

    synchronized String holder(int node) {
        return expiresAt[node] > dbClock.getAsLong() ? holder[node] : null;
    }
}
