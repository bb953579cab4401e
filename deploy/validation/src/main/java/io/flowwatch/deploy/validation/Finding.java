package io.flowwatch.deploy.validation;

/** One problem in a rendered overlay: which check found it, in which object, and what it is. */
public record Finding(String check, String object, String message) {

    @Override
    public String toString() {
        return "[" + check + "] " + object + ": " + message;
    }
}
