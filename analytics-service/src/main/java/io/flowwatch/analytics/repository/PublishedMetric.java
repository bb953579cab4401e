package io.flowwatch.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The fingerprint of what was last published for one metric series and date. */
@Entity
@Table(name = "published_metric")
public class PublishedMetric extends PanacheEntityBase {

    @Id
    @Column(name = "series_key")
    public String seriesKey;

    public String fingerprint;

    @Column(name = "published_at")
    public Instant publishedAt;
}
