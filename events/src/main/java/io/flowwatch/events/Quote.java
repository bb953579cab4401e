package io.flowwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A price and/or market capitalisation of an instrument at an instant. {@code TOTAL} is the whole crypto
 * market; {@code XAU} is gold; equities by ticker.
 */
public record Quote(String instrument, Instant time, BigDecimal priceUsd, BigDecimal marketCapUsd) implements EventData {

    public Quote {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        priceUsd = Money.canonical(priceUsd);
        marketCapUsd = Money.canonical(marketCapUsd);
        if (priceUsd == null && marketCapUsd == null) {
            throw new IllegalArgumentException("priceUsd or marketCapUsd is required");
        }
    }

    @Override
    public EventType eventType() {
        return EventType.QUOTE;
    }

    @Override
    public String subject() {
        return instrument;
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.QUOTE, instrument, instrument);
    }
}
