package io.flowwatch.analytics.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Holdings figures, one per (source, scope, date); the latest received wins whatever the delivery order. */
@ApplicationScoped
public class HoldingsRepository implements PanacheRepositoryBase<HoldingsFigure, Long> {

    private static final String UPSERT = """
            with incoming as (
                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(
                    source text, scope text, asset text, date date, total_net_assets_usd numeric, event_id uuid,
                    received_at timestamptz)
            ), written as (
                insert into holdings_figure as h (source, scope, asset, date, total_net_assets_usd, event_id, received_at)
                select source, scope, asset, date, total_net_assets_usd, event_id, received_at from incoming
                on conflict (source, scope, date) do update
                    set total_net_assets_usd = excluded.total_net_assets_usd,
                        event_id = excluded.event_id,
                        received_at = excluded.received_at
                    where (excluded.received_at, cast(excluded.event_id as text)) > (h.received_at, cast(h.event_id as text))
                returning event_id as id
            )
            """ + JsonRows.selectJoinedIds("written");

    /**
     * Writes figures whose (source, scope, date) are distinct within the call.
     *
     * @return the event ids that were inserted or replaced an older figure
     */
    public Uni<Set<UUID>> upsert(List<HoldingsFact> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession()
                .chain(session -> session.<String>createNativeQuery(UPSERT)
                        .setParameter("rows", JsonRows.of(rows))
                        .getSingleResult())
                .map(JsonRows::ids);
    }

    private static final String SELECT = "select new io.flowwatch.analytics.repository.HoldingsFact(h.source, h.scope, "
            + "h.asset, h.date, h.totalNetAssetsUsd, h.eventId, h.receivedAt) from HoldingsFigure h ";

    /** Every source's figure for a scope on a date. */
    public Uni<List<HoldingsFact>> figures(String scope, LocalDate date) {
        return getSession().chain(session -> session
                .createSelectionQuery(SELECT + "where h.scope = :scope and h.date = :date", HoldingsFact.class)
                .setParameter("scope", scope)
                .setParameter("date", date)
                .getResultList());
    }

    /** Every figure of asset-class scopes of an asset dated on or after {@code from}. */
    public Uni<List<HoldingsFact>> ofAssetSince(String asset, LocalDate from) {
        return getSession().chain(session -> session
                .createSelectionQuery(SELECT + "where h.asset = :asset and h.date >= :from and h.scope like '%:%'",
                        HoldingsFact.class)
                .setParameter("asset", asset)
                .setParameter("from", from)
                .getResultList());
    }

    /** The latest date with a figure for the scope; null if none. */
    public Uni<LocalDate> latestDate(String scope) {
        return getSession().chain(session -> session
                .createSelectionQuery("select max(h.date) from HoldingsFigure h where h.scope = :scope", LocalDate.class)
                .setParameter("scope", scope)
                .getSingleResultOrNull());
    }
}
