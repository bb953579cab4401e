package io.flowwatch.analytics.repository;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The natural key of a {@link QuotePointEntity}. */
public class QuotePointId implements Serializable {

    public String instrument;
    public Instant time;

    public QuotePointId() {}

    public QuotePointId(String instrument, Instant time) {
        this.instrument = instrument;
        this.time = time;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuotePointId id && Objects.equals(instrument, id.instrument) && Objects.equals(time, id.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instrument, time);
    }
}
