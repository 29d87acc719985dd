package io.tandem.order.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads for assertions (as the app user: the tests look, they do not fix). */
final class Db {
    private Db() {
    }

    static List<List<Object>> rows(String jdbcUrl, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, Env.get("db.app.user"), Env.get("db.app.password"));
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A write of test data (an address for a test user): never a fix of what the code under test stored. */
    static int update(String jdbcUrl, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, Env.get("db.app.user"), Env.get("db.app.password"));
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String jdbcUrl, String sql, Object... params) {
        return ((Number) rows(jdbcUrl, sql, params).get(0).get(0)).longValue();
    }
}
