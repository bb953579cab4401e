package io.flowwatch.alert.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A webhook (URL and signing secret) or an e-mail channel (recipients as a JSON array). */
@Entity
@Table(name = "channel")
public class ChannelEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String type;

    public String url;

    /** {@code whsec_…}; kept in clear because signing needs it. */
    public String secret;

    @Column(name = "email_to", columnDefinition = "text")
    public String emailTo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
