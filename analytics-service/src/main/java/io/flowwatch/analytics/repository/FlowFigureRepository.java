package io.flowwatch.analytics.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Flow figures: every revision is kept; reads return raw facts that the service reduces with the domain classes. */
@ApplicationScoped
public class FlowFigureRepository implements PanacheRepositoryBase<FlowFigure, Long> {

    /** What became of one written figure. */
    public sealed interface Outcome {
        /** A new fact. */
        record Inserted() implements Outcome {}

        /** The same figure (same key and amount) was already there under another event id. */
        record AlreadyKnown() implements Outcome {}

        /** Another amount is already stored for the same source, product, date and revision. */
        record Conflict(String existingAmount, String existingEventId) implements Outcome {}
    }

    private static final String INSERT = """
            with incoming as (
                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(
                    source text, product text, issuer text, asset text, kind text, trading_date date,
                    revision integer, net_flow_usd numeric, event_id uuid, received_at timestamptz)
            ), inserted as (
                insert into flow_figure (source, product, issuer, asset, kind, trading_date, revision, net_flow_usd,
                                         event_id, received_at)
                select source, product, issuer, asset, kind, trading_date, revision, net_flow_usd, event_id, received_at
                from incoming
                on conflict (source, product, trading_date, revision) do nothing
                returning event_id
            )
            select cast(i.event_id as text),
                   case when ins.event_id is not null then 'inserted'
                        when f.net_flow_usd = i.net_flow_usd then 'known'
                        else 'conflict' end,
                   cast(f.net_flow_usd as text),
                   cast(f.event_id as text)
            from incoming i
            left join inserted ins on ins.event_id = i.event_id
            left join flow_figure f on f.source = i.source and f.product = i.product
                                   and f.trading_date = i.trading_date and f.revision = i.revision
            """;

    /**
     * Writes figures whose natural keys are distinct (the caller settles duplicates within a batch first).
     *
     * @return the outcome per event id
     */
    public Uni<Map<UUID, Outcome>> insert(List<FlowFact> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery(INSERT)
                        .setParameter("rows", JsonRows.of(rows))
                        .getResultList())
                .map(result -> {
                    Map<UUID, Outcome> outcomes = new HashMap<>();
                    for (Object[] row : result) {
                        Outcome outcome = switch ((String) row[1]) {
                            case "inserted" -> new Outcome.Inserted();
                            case "known" -> new Outcome.AlreadyKnown();
                            default -> new Outcome.Conflict((String) row[2], (String) row[3]);
                        };
                        outcomes.put(UUID.fromString((String) row[0]), outcome);
                    }
                    return outcomes;
                });
    }

    private static final String SELECT = "select new io.flowwatch.analytics.repository.FlowFact(f.source, f.product, "
            + "f.issuer, f.asset, f.kind, f.tradingDate, f.revision, f.netFlowUsd, f.eventId, f.receivedAt) "
            + "from FlowFigure f where ";

    /** Every revision of every product of an asset class, as known at {@code asOf} (null: now). */
    public Uni<List<FlowFact>> ofAssetClass(String kind, String asset, Instant asOf, String source) {
        return select("f.kind = :kind and f.asset = :asset", Map.of("kind", kind, "asset", asset), asOf, source);
    }

    /** Every revision of one product, as known at {@code asOf} (null: now). */
    public Uni<List<FlowFact>> ofProduct(String product, Instant asOf, String source) {
        return select("f.product = :product", Map.of("product", product), asOf, source);
    }

    private Uni<List<FlowFact>> select(String condition, Map<String, Object> parameters, Instant asOf, String source) {
        StringBuilder hql = new StringBuilder(SELECT).append(condition);
        Map<String, Object> all = new HashMap<>(parameters);
        if (asOf != null) {
            hql.append(" and f.receivedAt <= :asOf");
            all.put("asOf", asOf);
        }
        if (source != null) {
            hql.append(" and f.source = :source");
            all.put("source", source);
        }
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql.toString(), FlowFact.class);
            all.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
