package io.tandem.order.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.helidon.dbclient.DbClient;

/**
 * A {@link DataSource} over the connection pool of a Helidon {@link DbClient}, for code that needs plain JDBC
 * (db-scheduler; transactions with row locks) without a second pool to the same database.
 */
public final class PooledDataSource implements DataSource {
    private final DbClient db;

    public PooledDataSource(DbClient db) {
        this.db = db;
    }

    @Override
    public Connection getConnection() {
        return db.unwrap(Connection.class);
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
        throw new UnsupportedOperationException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
