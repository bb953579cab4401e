package io.flowwatch.analytics.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The metric relay's rounds each take one partition of the outbox, and every update of a series (metric and scope)
 * is in the same partition, in the order written: two rounds at a time cannot let a later update of a series overtake
 * an earlier one (alert-service would skip the earlier one as stale, and an alert with it).
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
