package io.flowwatch.alert.service;

/** The request clashes with the current state (e.g. creating a rule whose id exists); answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
