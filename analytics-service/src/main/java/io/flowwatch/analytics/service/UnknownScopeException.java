package io.flowwatch.analytics.service;

/** Nothing is known about the series, instrument or venue asked for (HTTP 404). */
public class UnknownScopeException extends RuntimeException {

    public UnknownScopeException(String message) {
        super(message);
    }
}
