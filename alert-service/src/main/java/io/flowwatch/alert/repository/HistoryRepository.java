package io.flowwatch.alert.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The alert history: transitions and notifications, filtered by rule, state and metric time. */
@ApplicationScoped
public class HistoryRepository {

    private final Pool pool;

    public HistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param ruleId null for every rule
     * @param state {@code inactive}, {@code pending}, {@code firing}, {@code resolved}; null for all
     * @param from inclusive, metric time; null for no bound
     * @param to exclusive, metric time; null for no bound
     */
    public record Filter(String ruleId, String state, Instant from, Instant to, int limit) {}

    public record TransitionRow(UUID id, String ruleId, String ruleName, String series, String from, String to,
            Instant at, BigDecimal value, int episode, String severity, Map<String, String> labels, String message,
            Instant recordedAt) {}

    public Uni<List<TransitionRow>> transitions(Filter filter) {
        return pool.preparedQuery("""
                        select * from alert_transition
                        where ($1::text is null or rule_id = $1) and ($2::text is null or to_state = $2)
                          and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
                        order by at, recorded_at, id limit $5""")
                .execute(Sql.tuple(filter.ruleId(),
                        filter.state() == null ? null : filter.state().toUpperCase(Locale.ROOT),
                        Sql.time(filter.from()), Sql.time(filter.to()), (long) filter.limit()))
                .map(rows -> {
                    List<TransitionRow> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new TransitionRow(row.getUUID("id"), row.getString("rule_id"), row.getString("rule_name"),
                                row.getString("series"), row.getString("from_state").toLowerCase(Locale.ROOT),
                                row.getString("to_state").toLowerCase(Locale.ROOT), Sql.instant(row, "at"),
                                row.getBigDecimal("value"), row.getInteger("episode"), row.getString("severity"),
                                Sql.stringMap(row, "labels"), row.getString("message"), Sql.instant(row, "recorded_at")));
                    }
                    return list;
                });
    }

    public Uni<List<StoredNotification>> notifications(Filter filter) {
        return pool.preparedQuery("select " + AlertStore.NOTIFICATION_COLUMNS + """
                         from notification n
                        where ($1::text is null or n.rule_id = $1)
                          and ($2::text is null or (case when n.kind = 'resolved' then 'resolved' else 'firing' end) = $2)
                          and ($3::timestamptz is null or n.at >= $3) and ($4::timestamptz is null or n.at < $4)
                        order by n.at, n.id limit $5""")
                .execute(Sql.tuple(filter.ruleId(), filter.state() == null ? null : filter.state().toLowerCase(Locale.ROOT),
                        Sql.time(filter.from()), Sql.time(filter.to()), (long) filter.limit()))
                .map(rows -> {
                    List<StoredNotification> list = new ArrayList<>();
                    rows.forEach(row -> list.add(AlertStore.notification(row)));
                    return list;
                });
    }
}
