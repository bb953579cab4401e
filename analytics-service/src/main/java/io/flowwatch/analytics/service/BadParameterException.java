package io.flowwatch.analytics.service;

/** A query parameter that is missing or cannot be understood; {@link #parameter()} names it. */
public class BadParameterException extends RuntimeException {

    private final String parameter;
    private final String value;

    public BadParameterException(String parameter, String value, String reason) {
        super(reason);
        this.parameter = parameter;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }
}
