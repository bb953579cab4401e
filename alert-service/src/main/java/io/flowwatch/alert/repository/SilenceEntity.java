package io.flowwatch.alert.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A silence; its matchers as a JSON array of {@link io.flowwatch.alert.mapping.MatcherDto}. */
@Entity
@Table(name = "silence")
public class SilenceEntity {

    @Id
    public String id;

    @Column(nullable = false, columnDefinition = "text")
    public String matchers;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_by")
    public String createdBy;

    public String comment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
