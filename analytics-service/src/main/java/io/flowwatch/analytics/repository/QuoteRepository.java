package io.flowwatch.analytics.repository;

import io.flowwatch.analytics.domain.QuotePoint;
import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Quote points, one per (instrument, time); the latest received wins whatever the delivery order. */
@ApplicationScoped
public class QuoteRepository implements PanacheRepositoryBase<QuotePointEntity, QuotePointId> {

    // The old values are read in the same statement (its snapshot), so only points whose values really changed
    // come back: a re-sent identical quote does not produce metric updates again.
    private static final String UPSERT = """
            with incoming as (
                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(
                    instrument text, time timestamptz, price_usd numeric, market_cap_usd numeric, event_id uuid,
                    received_at timestamptz)
            ), old as (
                select q.instrument, q.time, q.price_usd, q.market_cap_usd
                from quote_point q join incoming i on q.instrument = i.instrument and q.time = i.time
            ), upserted as (
                insert into quote_point as q (instrument, time, price_usd, market_cap_usd, event_id, received_at)
                select instrument, time, price_usd, market_cap_usd, event_id, received_at from incoming
                on conflict (instrument, time) do update
                    set price_usd = excluded.price_usd,
                        market_cap_usd = excluded.market_cap_usd,
                        event_id = excluded.event_id,
                        received_at = excluded.received_at
                    where (excluded.received_at, cast(excluded.event_id as text))
                        > (q.received_at, cast(q.event_id as text))
                returning instrument, time, price_usd, market_cap_usd, event_id
            ), changed as (
                select u.event_id as id
                from upserted u left join old o on o.instrument = u.instrument and o.time = u.time
                where o.instrument is null
                   or (o.price_usd, o.market_cap_usd) is distinct from (u.price_usd, u.market_cap_usd)
            )
            """ + JsonRows.selectJoinedIds("changed");

    /**
     * Writes points whose (instrument, time) are distinct within the call.
     *
     * @return the event ids whose point is new or changed a stored value
     */
    public Uni<Set<UUID>> upsert(List<QuoteFact> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession()
                .chain(session -> session.<String>createNativeQuery(UPSERT)
                        .setParameter("rows", JsonRows.of(rows))
                        .getSingleResult())
                .map(JsonRows::ids);
    }

    /** The quotes of an instrument to compute changes for: every time in {@code [from, to]}. */
    private static final String POINTS = """
            with anchor as (
                select * from jsonb_to_recordset(cast(cast(:anchors as text) as jsonb)) as a(instrument text, at timestamptz)
            ), wanted as (
                select a.instrument, p.time from anchor a cross join lateral (
                    select f.time from quote_point f
                    where f.instrument = a.instrument and f.price_usd is not null and f.time <= a.at
                    order by f.time desc limit 1) p
                union
                select a.instrument, c.time from anchor a cross join lateral (
                    select f.time from quote_point f
                    where f.instrument = a.instrument and f.market_cap_usd is not null and f.time <= a.at
                    order by f.time desc limit 1) c
            )
            select q.instrument, cast(extract(epoch from q.time) * 1000000 as bigint),
                   cast(q.price_usd as text), cast(q.market_cap_usd as text)
            from wanted w join quote_point q on q.instrument = w.instrument and q.time = w.time
            """;

    /**
     * Exactly the points that {@code QuoteSeries.change(t, w)} reads, for every time {@code t} of each instrument and
     * every window {@code w}, in ONE statement: the latest price and the latest market cap at or before {@code t} and
     * each {@code t - w} (two index lookups per anchor). Not the points in between: a batch that mixes a backfill
     * with live quotes would otherwise load everything in its time span.
     */
    public Uni<Map<String, List<QuotePoint>>> pointsFor(Map<String, ? extends Collection<Instant>> times,
            List<Duration> windows) {
        List<Map<String, Object>> anchors = new ArrayList<>();
        times.forEach((instrument, instants) -> {
            for (Instant at : instants) {
                anchors.add(Map.of("instrument", instrument, "at", at));
                for (Duration window : windows) {
                    anchors.add(Map.of("instrument", instrument, "at", at.minus(window)));
                }
            }
        });
        if (anchors.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery(POINTS)
                        .setParameter("anchors", JsonRows.of(anchors))
                        .getResultList())
                .map(rows -> {
                    Map<String, List<QuotePoint>> points = new HashMap<>();
                    for (Object[] row : rows) {
                        points.computeIfAbsent((String) row[0], instrument -> new ArrayList<>())
                                .add(new QuotePoint(JsonRows.micros(row[1]), decimal(row[2]), decimal(row[3])));
                    }
                    return points;
                });
    }

    /** The points of one instrument for changes ending at {@code at} over one window. */
    public Uni<List<QuotePoint>> pointsFor(String instrument, Instant at, Duration window) {
        return pointsFor(Map.of(instrument, List.of(at)), List.of(window))
                .map(points -> points.getOrDefault(instrument, List.of()));
    }

    private static BigDecimal decimal(Object text) {
        return text == null ? null : new BigDecimal((String) text);
    }

    /** The market cap in force at {@code at}: the latest one at or before it. */
    public Uni<MarketCapPoint> marketCapAt(String instrument, Instant at) {
        return getSession().chain(session -> session
                .createSelectionQuery("select new io.flowwatch.analytics.repository.MarketCapPoint("
                        + "q.time, q.marketCapUsd) from QuotePointEntity q where q.instrument = :instrument "
                        + "and q.marketCapUsd is not null and q.time <= :at order by q.time desc", MarketCapPoint.class)
                .setParameter("instrument", instrument)
                .setParameter("at", at)
                .setMaxResults(1)
                .getSingleResultOrNull());
    }

    /** The latest quote of each instrument, or of one (null: all). */
    public Uni<List<LatestQuote>> latest(String instrument) {
        String hql = "select new io.flowwatch.analytics.repository.LatestQuote(q.instrument, q.time, "
                + "q.priceUsd, q.marketCapUsd) from QuotePointEntity q where q.time = (select max(l.time) "
                + "from QuotePointEntity l where l.instrument = q.instrument)"
                + (instrument == null ? "" : " and q.instrument = :instrument")
                + " order by q.instrument";
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, LatestQuote.class);
            if (instrument != null) {
                query.setParameter("instrument", instrument);
            }
            return query.getResultList();
        });
    }
}
