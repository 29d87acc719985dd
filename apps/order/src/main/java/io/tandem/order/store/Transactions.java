package io.tandem.order.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.tandem.common.trace.Traces;

/** Runs a unit of JDBC work in one transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
    /** What traces call the order database (its DbClient statements are named after db.orders the same way). */
    static final String PEER = "db-orders";

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        // Plain JDBC, not the DbClient: one span for the whole transaction (DbSpans covers single statements).
        return Traces.client(PEER, "TRANSACTION " + PEER, () -> run(work));
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** A database failure: transient from the saga's point of view (the step is retried later). */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
