package io.tandem.stock;

import java.sql.Connection;
import java.sql.SQLException;

import io.helidon.dbclient.DbClient;

import io.tandem.common.trace.Traces;

/**
 * Runs JDBC work in one READ COMMITTED transaction on the DbClient's pool (no gap locks: a reserve of a new order
 * locks only the rows it touches). A transaction that lost a deadlock, or an insert race on one order number, is
 * rolled back and run again, up to {@code attempts} times: the second run reads what the winner stored.
 */
final class Tx {
    /** What traces call the stock database (its DbClient statements are named the same way, after db.stock). */
    static final String PEER = "db-stock";

    private final DbClient db;
    private final int attempts;

    Tx(DbClient db, int attempts) {
        this.db = db;
        this.attempts = Math.max(1, attempts);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T run(Work<T> work) {
        // Plain JDBC on the pool's connection, not a DbClient statement: one span for the transaction and its retries.
        return Traces.client(PEER, "TRANSACTION " + PEER, () -> withRetries(work));
    }

    private <T> T withRetries(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt >= attempts || !retryable(e)) {
                    throw new StoreException(e);
                }
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = db.unwrap(Connection.class)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** 40001 deadlock / lock wait, 23000 duplicate key (two first calls for one order at once). */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.startsWith("23") || e.getErrorCode() == 1205);
    }

    /** The database failed: the caller answers 503 and the client retries (every call is idempotent). */
    static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
