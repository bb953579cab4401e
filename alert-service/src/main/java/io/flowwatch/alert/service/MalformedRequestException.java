package io.flowwatch.alert.service;

/** A request that cannot be read (a malformed query parameter or body); answered with 400. */
public class MalformedRequestException extends RuntimeException {

    private final String field;

    public MalformedRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
