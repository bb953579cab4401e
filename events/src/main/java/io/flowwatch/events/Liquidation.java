package io.flowwatch.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A forced close of a derivatives position. {@code side} is the side that was liquidated. */
public record Liquidation(String venue, String instrument, Side side, BigDecimal notionalUsd, Instant time)
        implements EventData {

    public enum Side {
        LONG,
        SHORT;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Side parse(String value) {
            return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
                case "long" -> LONG;
                case "short" -> SHORT;
                default -> throw new IllegalArgumentException("side must be long or short, not '" + value + "'");
            };
        }
    }

    public Liquidation {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(notionalUsd, "notionalUsd");
        Objects.requireNonNull(time, "time");
        notionalUsd = Money.canonical(notionalUsd);
    }

    @Override
    public EventType eventType() {
        return EventType.LIQUIDATION;
    }

    @Override
    public String subject() {
        return venue;
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.LIQUIDATION, instrument, venue);
    }
}
