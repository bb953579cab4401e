package io.flowwatch.alert.service;

/** A message that no retry can help: it does not decode, or is not a metric update. */
public class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String message) {
        super(message);
    }
}
