package io.flowwatch.analytics.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC reads of the test database, to know when the consumer has caught up. */
public final class TestDb {

    private TestDb() {}

    public static long count(String sql) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long processed() {
        return count("select count(*) from processed_event");
    }

    public static long unsentMetrics() {
        return count("select count(*) from metric_outbox where sent_at is null");
    }
}
