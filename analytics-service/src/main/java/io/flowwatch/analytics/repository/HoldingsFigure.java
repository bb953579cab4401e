package io.flowwatch.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A source's total net assets of a product or asset class on a date (the latest received wins). */
@Entity
@Table(name = "holdings_figure")
public class HoldingsFigure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String source;
    public String scope;
    /** The asset of an asset-class scope ({@code BTC} of {@code us-spot-etf:BTC}); the scope itself otherwise. */
    public String asset;

    @Column(name = "date")
    public LocalDate date;

    @Column(name = "total_net_assets_usd")
    public BigDecimal totalNetAssetsUsd;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "received_at")
    public Instant receivedAt;
}
