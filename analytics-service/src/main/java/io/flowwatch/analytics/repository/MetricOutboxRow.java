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

/** A metric update waiting to be published (or, with {@link #sentAt}, one that was). */
@Entity
@Table(name = "metric_outbox")
public class MetricOutboxRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public UUID eventId;

    public String metric;
    public String scope;
    public LocalDate date;
    public Instant at;
    public BigDecimal value;

    @Column(name = "routing_key")
    public String routingKey;

    /** The whole {@code flowwatch.metric.v1} event, as published. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
