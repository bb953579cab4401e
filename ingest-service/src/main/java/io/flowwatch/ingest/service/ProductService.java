package io.flowwatch.ingest.service;

import io.flowwatch.events.Problem;
import io.flowwatch.ingest.repository.EventLogRepository;
import io.flowwatch.ingest.repository.ProductEntity;
import io.flowwatch.ingest.repository.ProductRepository;
import io.flowwatch.ingest.service.imports.Product;
import io.flowwatch.ingest.service.imports.ProductLookup;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The product registry: the funds that fund-flow events may name, with their issuer, asset, kind and inception. */
@ApplicationScoped
public class ProductService {

    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9.]{0,15}");
    private static final LocalDate EARLIEST = EventRules.EARLIEST_DATE;
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final java.util.Set<String> KINDS = java.util.Set.of("us-spot-etf", "etp");

    /** The answer of a PUT: the product as stored, and whether it was new. */
    public record Saved(Product product, boolean created) {}

    private final ProductRepository products;
    private final EventLogRepository log;

    public ProductService(ProductRepository products, EventLogRepository log) {
        this.products = products;
        this.log = log;
    }

    @WithSession
    public Uni<List<Product>> list(String asset, String kind) {
        if (asset != null && !asset.isBlank() && !ASSET.matcher(asset.trim()).matches()) {
            throw DomainException.badRequest("the asset filter is not valid", "asset", "1 to 16 letters or digits, e.g. BTC");
        }
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind.trim())) {
            throw DomainException.badRequest("the kind filter is not valid", "kind", "us-spot-etf or etp");
        }
        return products.search(blankToNull(asset), blankToNull(kind))
                .map(found -> found.stream().map(ProductService::toProduct).toList());
    }

    @WithSession
    public Uni<Product> get(String ticker) {
        String key = ticker(ticker);
        return products.findById(key)
                .onItem().ifNull().failWith(() -> DomainException.notFound("no product with ticker " + key))
                .map(ProductService::toProduct);
    }

    /** Creates or replaces a product. */
    @WithTransaction
    public Uni<Saved> put(String ticker, @NotNull(message = "a JSON body is required") @Valid ProductInput input) {
        String key = ticker(ticker);
        if (input.ticker() != null && !input.ticker().trim().equalsIgnoreCase(key)) {
            throw DomainException.invalid("the body names another ticker than the path", List.of(
                    new Problem.FieldError("/ticker", null, input.ticker(), "must equal the path's ticker " + key)));
        }
        LocalDate inception = input.inceptionDate();
        if (inception != null && (inception.isBefore(EARLIEST) || inception.isAfter(LocalDate.now().plusYears(1)))) {
            throw DomainException.invalid("the inception date is out of range", List.of(new Problem.FieldError(
                    "/inceptionDate", null, inception.toString(),
                    "must be on or after " + EARLIEST + " and at most a year ahead")));
        }
        return products.findById(key).chain(existing -> {
            ProductEntity entity = existing == null ? new ProductEntity() : existing;
            entity.ticker = key;
            entity.issuer = blankToNull(input.issuer());
            entity.asset = input.asset().trim().toUpperCase(Locale.ROOT);
            entity.kind = input.kind().trim();
            entity.inceptionDate = inception;
            entity.updatedAt = Instant.now();
            Uni<ProductEntity> saved = existing == null ? products.persist(entity) : Uni.createFrom().item(entity);
            return saved.map(e -> new Saved(toProduct(e), existing == null));
        });
    }

    /** Deletes a product that no fund flow names (409 otherwise). */
    @WithTransaction
    public Uni<Void> delete(String ticker) {
        String key = ticker(ticker);
        return products.findById(key)
                .onItem().ifNull().failWith(() -> DomainException.notFound("no product with ticker " + key))
                .chain(entity -> log.hasFlows(key).chain(hasFlows -> {
                    if (hasFlows) {
                        return Uni.createFrom().failure(DomainException.conflict(key
                                + " cannot be deleted: fund flows in the event log name it"));
                    }
                    return products.delete(entity);
                }));
    }

    /** The whole registry as a lookup that ignores the case of tickers. */
    @WithSession
    public Uni<ProductLookup> lookup() {
        return products.listAll().map(all -> {
            Map<String, Product> byTicker = all.stream().map(ProductService::toProduct)
                    .collect(Collectors.toUnmodifiableMap(p -> p.ticker().toUpperCase(Locale.ROOT), Function.identity()));
            return ticker -> Optional.ofNullable(byTicker.get(ticker.trim().toUpperCase(Locale.ROOT)));
        });
    }

    private static String ticker(String ticker) {
        String key = ticker == null ? "" : ticker.trim().toUpperCase(Locale.ROOT);
        if (!TICKER.matcher(key).matches()) {
            throw DomainException.invalid("not a ticker", List.of(new Problem.FieldError("ticker", null, ticker,
                    "1 to 16 letters, digits or '.', starting with a letter or digit")));
        }
        return key;
    }

    private static Product toProduct(ProductEntity e) {
        return new Product(e.ticker, e.issuer, e.asset, e.kind, e.inceptionDate);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
