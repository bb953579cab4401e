package io.flowwatch.alert.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored rule: its selector as columns (the consumer looks rules up by them) and the whole rule as JSON. */
@Entity
@Table(name = "rule")
public class RuleEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String scope;

    /** The {@link io.flowwatch.alert.mapping.RuleDto} as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
