package io.flowwatch.analytics.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MessageBatcherTest {

    private static final Flow.Subscription UNBOUNDED = new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    };

    /**
     * A handler that records each batch; the first transaction is slow (until {@code release}), so everything that
     * arrives meanwhile must wait for it.
     */
    private static Function<List<Integer>, Uni<Void>> slowFirst(List<List<Integer>> batches, CountDownLatch release) {
        return batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                return Uni.createFrom().item(() -> {
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return (Void) null;
                }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().voidItem();
        };
    }

    @Test
    void batchesGrowWhileTheHandlerIsBusyAndNeverExceedTheMaximum() throws InterruptedException {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        MessageBatcher<Integer> batcher = new MessageBatcher<>(100, Duration.ofMillis(20), slowFirst(batches, release));
        batcher.onSubscribe(UNBOUNDED);

        batcher.onNext(0);
        await().atMost(Duration.ofSeconds(2)).until(() -> batches.size() == 1);
        for (int i = 1; i <= 250; i++) {
            batcher.onNext(i);
        }
        Thread.sleep(100); // several batch-waits pass while the first batch is still being handled
        assertEquals(1, batches.size());
        release.countDown();

        await().atMost(Duration.ofSeconds(2)).until(() -> batches.stream().mapToInt(List::size).sum() == 251);
        assertEquals(List.of(1, 100, 100, 50), batches.stream().map(List::size).toList());
        assertEquals(List.of(0), batches.getFirst());
        assertTrue(batches.get(1).getFirst() == 1 && batches.getLast().getLast() == 250, "order is kept");
    }

    @Test
    void weightedItemsFillABatchUpToTheMaximumWeightAndAHeavyOneStillGoesAlone() throws InterruptedException {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        // Each item weighs its own value (a batch message counts its events).
        MessageBatcher<Integer> batcher = new MessageBatcher<>(100, Duration.ofMillis(20), item -> item, item -> item,
                slowFirst(batches, release));
        batcher.onSubscribe(UNBOUNDED);

        batcher.onNext(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> batches.size() == 1);
        for (int item : new int[] {60, 30, 20, 250, 0, 5}) {
            batcher.onNext(item);
        }
        release.countDown();

        await().atMost(Duration.ofSeconds(2)).until(() -> batches.stream().mapToInt(List::size).sum() == 7);
        assertEquals(List.of(List.of(1), List.of(60, 30), List.of(20), List.of(250), List.of(0, 5)), batches);
    }

    @Test
    void aStreamThatEndsSaysWhySoThatLivenessCanReportIt() {
        MessageBatcher<Integer> batcher = new MessageBatcher<>(10, Duration.ofMillis(20), batch -> Uni.createFrom().voidItem());
        batcher.onSubscribe(UNBOUNDED);
        org.junit.jupiter.api.Assertions.assertNull(batcher.ended());
        batcher.onError(new IllegalStateException("Queue is full"));
        org.junit.jupiter.api.Assertions.assertTrue(batcher.ended().contains("Queue is full"), batcher.ended());
    }
}
