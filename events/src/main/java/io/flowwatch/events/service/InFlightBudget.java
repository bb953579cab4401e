package io.flowwatch.events.service;

import java.util.concurrent.Semaphore;

/**
 * Units (rows, bytes) that running requests hold, up to a capacity: what protects a service's heap from concurrent
 * large writes (ingest's rows, the gateway's request bodies). A request counts at most as the whole capacity, so that
 * one larger than it still runs, once nothing else does.
 */
public final class InFlightBudget {

    private final int capacity;
    private final Semaphore permits;

    public InFlightBudget(long capacity) {
        if (capacity < 1 || capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a budget holds 1 to " + Integer.MAX_VALUE + " units, not " + capacity);
        }
        this.capacity = (int) capacity;
        this.permits = new Semaphore(this.capacity);
    }

    /** Takes {@code units} if they fit beside those in flight now; false (nothing taken) if not. */
    public boolean tryTake(long units) {
        return permits.tryAcquire(weight(units));
    }

    /** Gives back what {@link #tryTake} took for the same {@code units}. */
    public void release(long units) {
        permits.release(weight(units));
    }

    public long inFlight() {
        return capacity - permits.availablePermits();
    }

    public long capacity() {
        return capacity;
    }

    private int weight(long units) {
        return (int) Math.min(units, capacity);
    }
}
