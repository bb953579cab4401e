package io.flowwatch.alert.mapping;

import io.flowwatch.events.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with an input, each as a JSON pointer and a reason, to answer with one problem. */
public final class FieldErrors {

    private final String prefix;
    private final List<Problem.FieldError> errors;

    public FieldErrors() {
        this("", new ArrayList<>());
    }

    private FieldErrors(String prefix, List<Problem.FieldError> errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A view that puts a prefix before every pointer (e.g. {@code /rules/3}) and adds to the same list. */
    public FieldErrors under(String pointer) {
        return new FieldErrors(prefix + pointer, errors);
    }

    public void add(String pointer, String reason) {
        errors.add(new Problem.FieldError(prefix + pointer, null, null, reason));
    }

    public void add(String pointer, Object value, String reason) {
        errors.add(new Problem.FieldError(prefix + pointer, null, value == null ? null : String.valueOf(value), reason));
    }

    /** Whether any error so far lies at the pointer or below it (relative to this view's prefix). */
    public boolean has(String pointer) {
        String full = prefix + pointer;
        return errors.stream().anyMatch(e -> e.field().equals(full) || e.field().startsWith(full + "/"));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    public List<Problem.FieldError> list() {
        return List.copyOf(errors);
    }
}
