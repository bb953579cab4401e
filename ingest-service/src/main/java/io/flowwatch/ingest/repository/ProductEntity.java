package io.flowwatch.ingest.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A fund in the product registry (table {@code product}); the ticker is stored upper-case. */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {

    @Id
    public String ticker;

    public String issuer;

    public String asset;

    public String kind;

    @Column(name = "inception_date")
    public LocalDate inceptionDate;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
