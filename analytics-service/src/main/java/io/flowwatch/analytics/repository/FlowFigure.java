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

/** One revision of one source's net flow figure for a product on a trading date (a fact; never updated). */
@Entity
@Table(name = "flow_figure")
public class FlowFigure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String source;
    public String product;
    public String issuer;
    public String asset;
    public String kind;

    @Column(name = "trading_date")
    public LocalDate tradingDate;

    public int revision;

    @Column(name = "net_flow_usd")
    public BigDecimal netFlowUsd;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "received_at")
    public Instant receivedAt;
}
