package io.flowwatch.gateway.service;

import io.flowwatch.events.service.InFlightBudget;
import io.flowwatch.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * How large a request body may be, and how many bytes of bodies the gateway receives at once. The gateway holds a
 * body in memory while it forwards it, so a few concurrent large bodies could exhaust its heap and stop the one public
 * API for everyone (six concurrent 60 MB pushes did). Decided from the declared length, before the body is read.
 */
@ApplicationScoped
public class RequestBodies {

    /** The endpoints that take data files and batches (ingest's own limit); every other body is a small document. */
    private static final Set<String> WRITE_PATHS = Set.of("/api/v1/events", "/api/v1/imports");

    /** What to do with a request body. */
    public sealed interface Decision permits Admitted, TooLarge, Busy {}

    /** Go on; release {@code bytes} when the exchange ends (zero: nothing was reserved). */
    public record Admitted(long bytes) implements Decision {}

    /** More than this endpoint ever takes: a 413. */
    public record TooLarge(long limit, long declared) implements Decision {}

    /** Fits the endpoint, but not beside the bodies in flight now: a 503 with a Retry-After. */
    public record Busy(long bytesInFlight, long maxInFlight) implements Decision {}

    private final long maxWriteBody;
    private final long maxOtherBody;
    private final InFlightBudget inFlight;

    @Inject
    public RequestBodies(GatewayConfig config) {
        this(config.maxWriteBodyBytes(), config.maxBodyBytes(), config.maxBodyBytesInFlight());
    }

    public RequestBodies(long maxWriteBody, long maxOtherBody, long maxInFlight) {
        this.maxWriteBody = maxWriteBody;
        this.maxOtherBody = maxOtherBody;
        this.inFlight = new InFlightBudget(maxInFlight);
    }

    /**
     * @param path the raw request path
     * @param declaredLength the Content-Length, or -1 when the body is chunked (it then counts as the endpoint's limit)
     */
    public Decision admit(String path, long declaredLength) {
        if (declaredLength == 0) {
            return new Admitted(0);
        }
        long limit = limit(path);
        if (declaredLength > limit) {
            return new TooLarge(limit, declaredLength);
        }
        long bytes = declaredLength < 0 ? limit : declaredLength;
        if (!inFlight.tryTake(bytes)) {
            return new Busy(bytesInFlight(), inFlight.capacity());
        }
        return new Admitted(bytes);
    }

    /** The largest body the endpoint at {@code path} takes. */
    public long limit(String path) {
        return WRITE_PATHS.contains(path) ? maxWriteBody : maxOtherBody;
    }

    /** Frees what {@link #admit} reserved for an {@link Admitted} body of {@code bytes}. */
    public void release(long bytes) {
        inFlight.release(bytes);
    }

    public long bytesInFlight() {
        return inFlight.inFlight();
    }
}
