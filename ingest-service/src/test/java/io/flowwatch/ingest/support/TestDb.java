package io.flowwatch.ingest.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Plain JDBC look-ups into the service's test database, for assertions on what was (not) stored. */
public final class TestDb {

    /** Row counts of the tables a request may write. */
    public record Counts(long events, long outbox, long figures, long products) {}

    private final DataSource dataSource;

    public TestDb(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Counts counts() {
        return new Counts(
                count("SELECT count(*) FROM event_log"),
                count("SELECT count(*) FROM outbox"),
                count("SELECT count(*) FROM latest_figure"),
                count("SELECT count(*) FROM product"));
    }

    public long count(String sql, Object... parameters) {
        return ((Number) single(sql, parameters)).longValue();
    }

    public BigDecimal decimal(String sql, Object... parameters) {
        Object value = single(sql, parameters);
        return value == null ? null : new BigDecimal(value.toString());
    }

    /** Events of the log whose id is one of {@code ids}. */
    public long countIds(Collection<UUID> ids) {
        return count("SELECT count(*) FROM event_log WHERE id = ANY(?)", (Object) uuids(ids));
    }

    /** Runs an INSERT, UPDATE or DELETE; answers how many rows it changed. */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public Object single(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }

    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof UUID[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("uuid", array));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static UUID[] uuids(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }
}
