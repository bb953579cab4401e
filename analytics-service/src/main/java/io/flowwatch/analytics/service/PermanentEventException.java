package io.flowwatch.analytics.service;

/**
 * An event that can never be applied as it is (e.g. a second figure for the same source, product, date and
 * revision with another amount, or a type analytics does not consume). Retrying cannot help: it is parked at once.
 */
public class PermanentEventException extends RuntimeException {

    public PermanentEventException(String message) {
        super(message);
    }
}
