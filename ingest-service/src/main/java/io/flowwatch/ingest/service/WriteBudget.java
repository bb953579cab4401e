package io.flowwatch.ingest.service;

import io.flowwatch.events.service.InFlightBudget;
import io.flowwatch.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    private final InFlightBudget rows;

    @Inject
    public WriteBudget(IngestConfig config) {
        this(config.maxRowsInFlight());
    }

    WriteBudget(int maxRows) {
        this.rows = new InFlightBudget(maxRows);
    }

    /**
     * Runs {@code write} once {@code count} rows are reserved, and frees them when it ends however it ends (item,
     * failure, cancellation). Rows are reserved at subscription. A write larger than the whole budget runs only alone.
     *
     * @param field the request part that carries the rows, named in the refusal
     */
    public <T> Uni<T> admit(int count, String field, Supplier<Uni<T>> write) {
        return Uni.createFrom().deferred(() -> {
            int weight = Math.max(1, count); // even an empty write holds its request while it runs
            if (!rows.tryTake(weight)) {
                return Uni.createFrom().failure(DomainException.busy(
                        "this instance is storing " + rowsInFlight() + " rows of other requests; retry in a few seconds",
                        field, "at most " + rows.capacity() + " rows are parsed and stored at once (flowwatch.ingest."
                                + "max-rows-in-flight); this request counts as " + count,
                        RETRY_AFTER_SECONDS));
            }
            Uni<T> running;
            try {
                running = write.get();
            } catch (RuntimeException e) {
                rows.release(weight);
                return Uni.createFrom().failure(e);
            }
            return running.onTermination().invoke(() -> rows.release(weight));
        });
    }

    /** Rows reserved by writes still running. */
    public long rowsInFlight() {
        return rows.inFlight();
    }
}
