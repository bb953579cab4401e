package io.flowwatch.alert.service;

/** What the request names does not exist; answered with 404. */
public class UnknownResourceException extends RuntimeException {

    public UnknownResourceException(String detail) {
        super(detail);
    }
}
