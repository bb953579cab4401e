package io.flowwatch.ingest.service;

import io.flowwatch.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many rows this instance parses and stores at once: an import counts its lines, a push a row per 100 bytes of
 * body. A write holds the whole batch in memory until it is stored (all or nothing), so concurrent large writes could
 * otherwise exhaust the heap and stop the service for everyone; a write that does not fit now is refused with a 503
 * and a Retry-After instead.
 */
@ApplicationScoped
public class WriteBudget {

    /** What a refused client is told to wait before retrying, in seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final int maxRows;
    private final Semaphore permits;

    @Inject
    public WriteBudget(IngestConfig config) {
        this(config.maxRowsInFlight());
    }

    WriteBudget(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the write budget must allow at least one row, not " + maxRows);
        }
        this.maxRows = maxRows;
        this.permits = new Semaphore(maxRows);
    }

    /**
     * Runs {@code write} once {@code rows} are reserved, and frees them when it ends however it ends (item, failure,
     * cancellation). Rows are reserved at subscription. A write larger than the whole budget runs only alone.
     *
     * @param field the request part that carries the rows, named in the refusal
     */
    public <T> Uni<T> admit(int rows, String field, Supplier<Uni<T>> write) {
        return Uni.createFrom().deferred(() -> {
            // capped at the whole budget, so that a larger write runs once nothing else does
            int weight = Math.max(1, Math.min(rows, maxRows));
            if (!permits.tryAcquire(weight)) {
                return Uni.createFrom().failure(DomainException.busy(
                        "this instance is storing " + rowsInFlight() + " rows of other requests; retry in a few seconds",
                        field, "at most " + maxRows + " rows are parsed and stored at once (flowwatch.ingest."
                                + "max-rows-in-flight); this request counts as " + rows,
                        RETRY_AFTER_SECONDS));
            }
            Uni<T> running;
            try {
                running = write.get();
            } catch (RuntimeException e) {
                permits.release(weight);
                return Uni.createFrom().failure(e);
            }
            return running.onTermination().invoke(() -> permits.release(weight));
        });
    }

    /** Rows reserved by writes still running. */
    public int rowsInFlight() {
        return maxRows - permits.availablePermits();
    }
}
