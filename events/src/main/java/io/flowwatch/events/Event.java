package io.flowwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every message, with CloudEvents attribute names (structured JSON mode).
 *
 * @param specversion always {@code 1.0}
 * @param id the idempotency key: consumers process each id once
 * @param type e.g. {@code flowwatch.fund-flow.v1}; always equal to {@code data.eventType().type()}
 * @param source where the figure came from: {@code farside}, {@code sosovalue}, {@code coinshares},
 *     {@code coingecko}, {@code hyperliquid}, {@code api:<key-id>}, …
 * @param time when the event was accepted (UTC)
 * @param subject the product, scope or instrument; equal to {@code data.subject()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "type", "source", "time", "subject", "datacontenttype", "data"})
public record Event<T extends EventData>(
        String specversion,
        UUID id,
        String type,
        String source,
        Instant time,
        String subject,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        specversion = specversion == null ? SPEC_VERSION : specversion;
        type = type == null ? data.eventType().type() : type;
        subject = subject == null ? data.subject() : subject;
        datacontenttype = datacontenttype == null ? CONTENT_TYPE : datacontenttype;
        if (!type.equals(data.eventType().type())) {
            throw new IllegalArgumentException("type " + type + " does not match data of type " + data.eventType().type());
        }
    }

    public static <T extends EventData> Event<T> of(UUID id, String source, Instant time, T data) {
        return new Event<>(SPEC_VERSION, id, null, source, time, null, CONTENT_TYPE, data);
    }

    public EventType eventType() {
        return data.eventType();
    }

    public String routingKey() {
        return data.routingKey();
    }
}
