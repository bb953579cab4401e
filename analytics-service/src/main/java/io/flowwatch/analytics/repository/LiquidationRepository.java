package io.flowwatch.analytics.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Liquidations, one row per event. */
@ApplicationScoped
public class LiquidationRepository implements PanacheRepositoryBase<LiquidationEntity, UUID> {

    private static final String INSERT = """
            with inserted as (
                insert into liquidation (event_id, venue, instrument, side, notional_usd, time, received_at)
                select event_id, venue, instrument, side, notional_usd, time, received_at
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(
                    event_id uuid, venue text, instrument text, side text, notional_usd numeric, time timestamptz,
                    received_at timestamptz)
                on conflict (event_id) do nothing
                returning event_id as id
            )
            """ + JsonRows.selectJoinedIds("inserted");

    /** @return the event ids that were new */
    public Uni<Set<UUID>> insert(List<LiquidationFact> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession()
                .chain(session -> session.<String>createNativeQuery(INSERT)
                        .setParameter("rows", JsonRows.of(rows))
                        .getSingleResult())
                .map(JsonRows::ids);
    }

    /** The liquidations of a venue and side in {@code (after, upTo]}. */
    public record Span(String venue, String side, Instant after, Instant upTo) {}

    private static final String BETWEEN = """
            select l.venue, l.side, cast(extract(epoch from l.time) * 1000000 as bigint), cast(l.notional_usd as text)
            from jsonb_to_recordset(cast(cast(:spans as text) as jsonb))
                as s(venue text, side text, after timestamptz, up_to timestamptz)
            join liquidation l on l.venue = s.venue and l.side = s.side and l.time > s.after and l.time <= s.up_to
            """;

    /** The notionals in each span, in ONE statement; keyed by {@code venue:side}. */
    public Uni<Map<String, List<TimedAmount>>> between(List<Span> spans) {
        if (spans.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery(BETWEEN)
                        .setParameter("spans", JsonRows.of(spans.stream()
                                .map(span -> Map.of("venue", span.venue(), "side", span.side(),
                                        "after", span.after(), "up_to", span.upTo()))
                                .toList()))
                        .getResultList())
                .map(rows -> {
                    Map<String, List<TimedAmount>> result = new HashMap<>();
                    for (Object[] row : rows) {
                        result.computeIfAbsent(row[0] + ":" + row[1], key -> new ArrayList<>())
                                .add(new TimedAmount(JsonRows.micros(row[2]), new BigDecimal((String) row[3])));
                    }
                    return result;
                });
    }

    /** The notionals of one venue and liquidated side in {@code (after, upTo]}. */
    public Uni<List<TimedAmount>> between(String venue, String side, Instant after, Instant upTo) {
        return between(List.of(new Span(venue, side, after, upTo)))
                .map(result -> result.getOrDefault(venue + ":" + side, List.of()));
    }

    /** Whether anything is known about a venue and side. */
    public Uni<Boolean> known(String venue, String side) {
        return count("venue = ?1 and side = ?2", venue, side).map(count -> count > 0);
    }
}
