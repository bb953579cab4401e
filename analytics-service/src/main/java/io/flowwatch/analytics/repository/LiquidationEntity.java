package io.flowwatch.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One forced close of a position; {@code side} is the liquidated side ({@code long} or {@code short}). */
@Entity
@Table(name = "liquidation")
public class LiquidationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    public String venue;
    public String instrument;
    public String side;

    @Column(name = "notional_usd")
    public BigDecimal notionalUsd;

    public Instant time;

    @Column(name = "received_at")
    public Instant receivedAt;
}
