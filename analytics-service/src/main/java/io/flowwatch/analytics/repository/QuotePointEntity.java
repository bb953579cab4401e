package io.flowwatch.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The price and/or market cap of an instrument at an instant (upserted: the latest received wins). */
@Entity
@Table(name = "quote_point")
@IdClass(QuotePointId.class)
public class QuotePointEntity extends PanacheEntityBase {

    @Id
    public String instrument;

    @Id
    public Instant time;

    @Column(name = "price_usd")
    public BigDecimal priceUsd;

    @Column(name = "market_cap_usd")
    public BigDecimal marketCapUsd;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "received_at")
    public Instant receivedAt;
}
