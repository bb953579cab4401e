package io.flowwatch.alert.service;

import io.flowwatch.events.Problem;
import java.util.List;

/** The input breaks the rules; answered with 422 and every field that is wrong. */
public class InvalidInputException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidInputException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String detail, String field, String reason) {
        return new InvalidInputException(detail, List.of(new Problem.FieldError(field, null, null, reason)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
