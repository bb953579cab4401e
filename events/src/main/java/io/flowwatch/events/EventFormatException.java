package io.flowwatch.events;

/** A message that is not a valid contract event; {@link #field()} names the JSON pointer at fault. */
public class EventFormatException extends RuntimeException {

    private final String field;

    public EventFormatException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public EventFormatException(String field, String message) {
        this(field, message, null);
    }

    public String field() {
        return field;
    }
}
