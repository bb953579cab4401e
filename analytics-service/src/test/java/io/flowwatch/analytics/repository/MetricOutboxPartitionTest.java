package io.flowwatch.analytics.repository;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The metric relay's rounds each take one partition of the outbox, and every update of a series (metric and scope)
 * is in the same partition, in the order written: two rounds at a time cannot let a later update of a series overtake
 * an earlier one (alert-service would skip the earlier one as stale, and an alert with it) — nor can another instance
 * on the same database, whose round on a partition holds that partition's relay lock.
 */
@QuarkusTest
class MetricOutboxPartitionTest {

    private static final int PARTITIONS = 2;

    @Inject
    MetricOutboxRepository outbox;

    @Test
    void eachSeriesIsInExactlyOnePartitionInWrittenOrder() throws Throwable {
        String metric = "test.partition." + UUID.randomUUID().toString().substring(0, 8);
        List<List<PendingMetric>> partitions = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                insert(metric, 8, 4)
                        .chain(() -> outbox.lockUnsent(10_000, 0, PARTITIONS))
                        .chain(first -> outbox.lockUnsent(10_000, 1, PARTITIONS).map(second -> List.of(first, second)))
                        // Nothing of this test is ever committed, so the running relay never publishes it.
                        .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))));

        Map<String, Integer> partitionOfSeries = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        int ours = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            long previousId = 0;
            boolean any = false;
            for (PendingMetric row : partitions.get(partition)) {
                assertTrue(seen.add(row.id()), "row " + row.id() + " is in one partition only");
                assertTrue(row.id() > previousId, "a partition's rows come in the order written");
                previousId = row.id();
                if (!row.routingKey().startsWith(metric)) {
                    continue; // another test's row
                }
                any = true;
                ours++;
                Integer before = partitionOfSeries.put(row.routingKey(), partition);
                assertTrue(before == null || before == partition, row.routingKey() + " is split over partitions");
            }
            assertTrue(any, "partition " + partition + " has some of the 8 series");
        }
        assertEquals(8 * 4, ours, "every row is in some partition");
        assertEquals(8, partitionOfSeries.size());
    }

    @Test
    void aPartitionWhoseRelayLockAnotherInstanceHoldsIsNotPublishedHere() throws Exception {
        UUID id = UUID.randomUUID();
        MetricUpdate update = new MetricUpdate("quote.change", "LOCKTEST" + id.toString().substring(0, 8) + "@1h", null,
                Instant.parse("2026-01-28T00:00:00Z"), new BigDecimal("1.00"), Map.of());
        try (Connection otherInstance = jdbc()) {
            otherInstance.setAutoCommit(false);
            long partition = single(otherInstance, "select (cast(hashtext(? || '/' || ?) as bigint) + 2147483648) % "
                    + "cast(? as bigint)", update.metric(), update.scope(), rounds());
            single(otherInstance, "select count(*) from (select pg_advisory_xact_lock(?, cast(? as int))) as taken", MetricOutboxRepository.RELAY_LOCK,
                    partition);
            try (Connection writer = jdbc(); PreparedStatement insert = writer.prepareStatement(
                    "insert into metric_outbox (event_id, metric, scope, at, value, routing_key, payload)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, update.metric());
                insert.setString(3, update.scope());
                insert.setObject(4, java.time.OffsetDateTime.parse("2026-01-28T00:00:00Z"));
                insert.setBigDecimal(5, update.value());
                insert.setString(6, update.routingKey());
                insert.setString(7, EventCodec.encodeToString(Event.of(id, "analytics-test", Instant.now(), update)));
                insert.executeUpdate();
            }
            // The relay polls every second: three polls pass while the lock is held elsewhere.
            Thread.sleep(3_000);
            assertEquals(1, unsent(id), "not published while another instance's round holds the partition");
            otherInstance.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(id) == 0);
    }

    private static long unsent(UUID id) throws SQLException {
        try (Connection connection = jdbc()) {
            return single(connection, "select count(*) from metric_outbox where event_id = ? and sent_at is null", id);
        }
    }

    private static int rounds() {
        return ConfigProvider.getConfig().getOptionalValue("flowwatch.analytics.outbox.rounds", Integer.class).orElse(2);
    }

    private static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static long single(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** {@code series} series of {@code updates} updates each, interleaved; the routing key names the series. */
    private Uni<Void> insert(String metric, int series, int updates) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int u = 0; u < updates; u++) {
            for (int s = 0; s < series; s++) {
                String scope = "S" + s;
                chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "insert into metric_outbox (event_id, metric, scope, at, value, routing_key, payload)"
                                        + " values (gen_random_uuid(), ?1, ?2, now(), 1, ?3, '{}')")
                        .setParameter(1, metric).setParameter(2, scope).setParameter(3, metric + "." + scope)
                        .executeUpdate()).replaceWithVoid());
            }
        }
        return chain;
    }
}
