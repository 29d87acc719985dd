package io.tandem.order.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One relay per cluster and order database: a MariaDB named lock held on a connection of its own. The database
 * frees it when that connection dies (the process killed), so another node takes over without any lease to
 * expire; a relay that closes releases it before its connection goes back to the pool.
 */
final class RelayLock implements AutoCloseable {
    private final DataSource dataSource;
    private final String name;
    private Connection held;

    RelayLock(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** True while this relay holds the lock; takes it when free. */
    boolean holds() {
        try {
            if (held == null) {
                held = dataSource.getConnection();
            }
            if (scalar("SELECT IS_USED_LOCK(?) = CONNECTION_ID()") == 1) {
                return true;
            }
            return scalar("SELECT GET_LOCK(?, 0)") == 1;
        } catch (SQLException | RuntimeException e) {
            close();
            return false;
        }
    }

    private int scalar(String sql) throws SQLException {
        try (PreparedStatement statement = held.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    @Override
    public void close() {
        if (held != null) {
            try {
                // The connection goes back to a pool, its session (and a named lock) with it: release first.
                scalar("SELECT RELEASE_LOCK(?)");
            } catch (SQLException | RuntimeException ignored) {
                // a broken connection holds no lock any more
            }
            try {
                held.close();
            } catch (SQLException ignored) {
                // the connection is gone either way, and the lock with it
            }
            held = null;
        }
    }
}
