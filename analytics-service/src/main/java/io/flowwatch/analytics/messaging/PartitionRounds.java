package io.flowwatch.analytics.messaging;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * At most one round at a time per partition: a round asked for while one of its partition runs starts when that one
 * ends successfully (after a failure the next request starts it). Rounds of different partitions run side by side.
 */
final class PartitionRounds {

    private final IntFunction<Uni<?>> round;
    private final Consumer<Throwable> failed;
    /** Per partition: a round is running, and a round was asked for since it started. */
    private final AtomicBoolean[] running;
    private final AtomicBoolean[] wanted;

    PartitionRounds(int partitions, IntFunction<Uni<?>> round, Consumer<Throwable> failed) {
        this.round = round;
        this.failed = failed;
        this.running = new AtomicBoolean[partitions];
        this.wanted = new AtomicBoolean[partitions];
        for (int i = 0; i < partitions; i++) {
            running[i] = new AtomicBoolean();
            wanted[i] = new AtomicBoolean();
        }
    }

    int partitions() {
        return running.length;
    }

    /** Asks for a round of every partition; returns at once. */
    void requestAll() {
        for (int partition = 0; partition < running.length; partition++) {
            wanted[partition].set(true);
            start(partition);
        }
    }

    private void start(int partition) {
        if (!running[partition].compareAndSet(false, true)) {
            return; // the running round's end starts the next one
        }
        wanted[partition].set(false);
        round.apply(partition).subscribe().with(done -> {
            running[partition].set(false);
            if (wanted[partition].get()) {
                start(partition);
            }
        }, failure -> {
            running[partition].set(false);
            failed.accept(failure);
        });
    }
}
