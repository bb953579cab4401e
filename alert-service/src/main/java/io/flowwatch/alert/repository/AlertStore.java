package io.flowwatch.alert.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.domain.AlertState;
import io.flowwatch.alert.domain.Matcher;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.domain.SeriesState;
import io.flowwatch.alert.domain.Silence;
import io.flowwatch.alert.mapping.FieldErrors;
import io.flowwatch.alert.mapping.MatcherDto;
import io.flowwatch.alert.mapping.Matchers;
import io.flowwatch.alert.mapping.RuleDto;
import io.flowwatch.alert.mapping.RuleMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What one evaluation reads and writes, all within the caller's transaction: the rules selecting a series, their
 * state on it (locked), transitions with their outbox events, notifications and their deliveries.
 */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);
    private static final TypeReference<List<MatcherDto>> MATCHERS = new TypeReference<>() {};

    private final ObjectMapper json;
    /** Parsed rules by their stored JSON: a definition only changes through the API, parsing it once is enough. */
    private final Map<String, Rule> parsed = new ConcurrentHashMap<>();

    public AlertStore(ObjectMapper json) {
        this.json = json;
    }

    /** A transition and the event that announces it, to be written together. */
    public record TransitionRow(
            UUID id, String ruleId, String ruleName, String series, AlertState from, AlertState to, Instant at,
            BigDecimal value, int episode, String severity, Map<String, String> labels, String message,
            String routingKey, String eventJson) {}

    /** The new state of a rule on a series, with the alert's labels (inhibition reads those of firing alerts). */
    public record StateRow(String ruleId, SeriesState state, Map<String, String> labels) {}

    /** Records events as evaluated; returns those that were not recorded before (the others are redeliveries). */
    public Uni<Set<UUID>> markProcessed(SqlClient client, Collection<UUID> eventIds) {
        return client.preparedQuery("""
                        insert into processed_event (id) select * from unnest($1::uuid[])
                        on conflict (id) do nothing returning id""")
                .execute(Tuple.of(eventIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID("id")));
                    return fresh;
                });
    }

    /** Forgets evaluated event ids older than the cutoff (a redelivery that late is not expected). */
    public Uni<Integer> pruneProcessed(SqlClient client, Instant cutoff) {
        return client.preparedQuery("delete from processed_event where processed_at < $1")
                .execute(Tuple.of(Sql.time(cutoff)))
                .map(result -> result.rowCount());
    }

    /** A rule's selector, as the lookup key of the rules of a batch. */
    public record Selector(String metric, String scope) {}

    /** The rules selecting each of the given (metric, scope) pairs, by pair, in rule id order. */
    public Uni<Map<Selector, List<Rule>>> rulesSelecting(SqlClient client, Collection<Selector> selectors) {
        return client.preparedQuery("""
                        select r.definition from rule r
                        join unnest($1::text[], $2::text[]) as s(metric, scope) on r.metric = s.metric and r.scope = s.scope
                        order by r.id""")
                .execute(Tuple.of(selectors.stream().map(Selector::metric).toArray(String[]::new),
                        selectors.stream().map(Selector::scope).toArray(String[]::new)))
                .map(rows -> {
                    Map<Selector, List<Rule>> rules = new HashMap<>();
                    for (Row row : rows) {
                        Rule rule = parse(row.getString("definition"));
                        if (rule != null) {
                            rules.computeIfAbsent(new Selector(rule.selector().metric(), rule.selector().scope()),
                                    k -> new ArrayList<>()).add(rule);
                        }
                    }
                    return rules;
                });
    }

    /** A stored definition as a domain rule; null (and a warning) if it no longer reads, which validation prevents. */
    public Rule parse(String definition) {
        Rule cached = parsed.get(definition);
        if (cached != null) {
            return cached;
        }
        try {
            FieldErrors errors = new FieldErrors();
            Rule rule = RuleMapper.toDomain(json.readValue(definition, RuleDto.class), errors);
            if (rule == null) {
                LOG.warnf("stored rule does not validate, skipped: %s (%s)", definition, errors.list());
                return null;
            }
            if (parsed.size() > 10_000) {
                parsed.clear();
            }
            parsed.put(definition, rule);
            return rule;
        } catch (JsonProcessingException e) {
            LOG.warnf("stored rule is not JSON, skipped: %s", e.getOriginalMessage());
            return null;
        }
    }

    /** Which rule on which series a state belongs to. */
    public record StateKey(String ruleId, String series) {}

    /** The stored states of these rules on these series, locked (in key order) until the transaction ends. */
    public Uni<Map<StateKey, SeriesState>> lockStates(SqlClient client, Collection<StateKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select s.rule_id, s.series, s.state, s.active_since, s.firing_since, s.last_notified_at,
                               s.episode, s.repeats_sent, s.last_value, s.last_seen_at, s.keep_firing_since, s.last_inputs
                        from series_state s
                        join unnest($1::text[], $2::text[]) as k(rule_id, series)
                          on s.rule_id = k.rule_id and s.series = k.series
                        order by s.rule_id, s.series
                        for update of s""")
                .execute(Tuple.of(keys.stream().map(StateKey::ruleId).toArray(String[]::new),
                        keys.stream().map(StateKey::series).toArray(String[]::new)))
                .map(rows -> {
                    Map<StateKey, SeriesState> states = new HashMap<>();
                    for (Row row : rows) {
                        String series = row.getString("series");
                        states.put(new StateKey(row.getString("rule_id"), series), new SeriesState(series,
                                AlertState.valueOf(row.getString("state")),
                                Sql.instant(row, "active_since"), Sql.instant(row, "firing_since"),
                                Sql.instant(row, "last_notified_at"), row.getInteger("episode"),
                                row.getInteger("repeats_sent"), row.getBigDecimal("last_value"),
                                Sql.instant(row, "last_seen_at"), Sql.instant(row, "keep_firing_since"),
                                row.getString("last_inputs")));
                    }
                    return states;
                });
    }

    public Uni<Void> saveStates(SqlClient client, List<StateRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = rows.stream().map(r -> {
            SeriesState s = r.state();
            return Sql.tuple(r.ruleId(), s.series(), s.state().name(), Sql.time(s.activeSince()),
                    Sql.time(s.firingSince()), Sql.time(s.lastNotifiedAt()), s.episode(), s.repeatsSent(),
                    s.lastValue(), Sql.time(s.lastSeenAt()), Sql.time(s.keepFiringSince()), s.lastInputs(),
                    Sql.json(r.labels()));
        }).toList();
        return client.preparedQuery("""
                        insert into series_state (rule_id, series, state, active_since, firing_since, last_notified_at,
                            episode, repeats_sent, last_value, last_seen_at, keep_firing_since, last_inputs, labels,
                            updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
                        on conflict (rule_id, series) do update set
                            state = excluded.state, active_since = excluded.active_since,
                            firing_since = excluded.firing_since, last_notified_at = excluded.last_notified_at,
                            episode = excluded.episode, repeats_sent = excluded.repeats_sent,
                            last_value = excluded.last_value, last_seen_at = excluded.last_seen_at,
                            keep_firing_since = excluded.keep_firing_since, last_inputs = excluded.last_inputs,
                            labels = excluded.labels, updated_at = now()""")
                .executeBatch(tuples)
                .replaceWithVoid();
    }

    /** Transitions go to the history and, as events, to the outbox the relay publishes from. Idempotent by id. */
    public Uni<Void> insertTransitions(SqlClient client, List<TransitionRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> history = rows.stream().map(t -> Sql.tuple(t.id(), t.ruleId(), t.ruleName(), t.series(),
                t.from().name(), t.to().name(), Sql.time(t.at()), t.value(), t.episode(), t.severity(),
                Sql.json(t.labels()), t.message())).toList();
        List<Tuple> outbox = rows.stream().map(t -> Tuple.of(t.id(), t.routingKey(), t.eventJson())).toList();
        return client.preparedQuery("""
                        insert into alert_transition (id, rule_id, rule_name, series, from_state, to_state, at, value,
                            episode, severity, labels, message)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict (id) do nothing""")
                .executeBatch(history)
                .chain(() -> client.preparedQuery("""
                                insert into transition_outbox (id, routing_key, payload) values ($1, $2, $3)
                                on conflict (id) do nothing""")
                        .executeBatch(outbox))
                .replaceWithVoid();
    }

    /** The silences in force at {@code now}. */
    public Uni<List<Silence>> activeSilences(SqlClient client, Instant now) {
        return client.preparedQuery("""
                        select id, matchers, starts_at, ends_at, created_by, comment from silence
                        where starts_at <= $1 and ends_at > $1""")
                .execute(Tuple.of(Sql.time(now)))
                .map(rows -> {
                    List<Silence> silences = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            FieldErrors errors = new FieldErrors();
                            List<Matcher> matchers = json.readValue(row.getString("matchers"), MATCHERS).stream()
                                    .map(m -> Matchers.read(m, "", errors))
                                    .filter(Objects::nonNull)
                                    .toList();
                            silences.add(new Silence(row.getString("id"), matchers, Sql.instant(row, "starts_at"),
                                    Sql.instant(row, "ends_at"), row.getString("created_by"), row.getString("comment")));
                        } catch (JsonProcessingException | IllegalArgumentException e) {
                            LOG.warnf("silence %s does not read, ignored: %s", row.getString("id"), e.getMessage());
                        }
                    }
                    return silences;
                });
    }

    /** The labels of every firing alert (the sources inhibit rules look at). */
    public Uni<List<Map<String, String>>> firingAlertLabels(SqlClient client) {
        return client.query("select labels from series_state where state = 'FIRING'").execute()
                .map(rows -> {
                    List<Map<String, String>> labels = new ArrayList<>();
                    rows.forEach(row -> labels.add(Sql.stringMap(row, "labels")));
                    return labels;
                });
    }

    /** Stores a notification unless one with its id exists; true if it was new. */
    public Uni<Boolean> insertNotification(SqlClient client, StoredNotification n) {
        return client.preparedQuery("""
                        insert into notification (id, rule_id, rule_name, series, kind, episode, at, severity, labels,
                            channels, message, value, metric, scope, date, context, status, reason)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                        on conflict (id) do nothing""")
                .execute(Sql.tuple(n.id(), n.ruleId(), n.ruleName(), n.series(), n.kind(), n.episode(),
                        Sql.time(n.at()), n.severity(), Sql.json(n.labels()), Sql.json(n.channels()), n.message(),
                        n.value(), n.metric(), n.scope(), n.date(), Sql.json(n.context()), n.status(), n.reason()))
                .map(result -> result.rowCount() == 1);
    }

    /**
     * Queues a notification for a channel. Without a group wait each gets its own delivery, due now. With one, it
     * joins the open delivery of its group on that channel (one that has not been tried yet and whose wait has not
     * passed) or opens a new one, due when the wait has passed.
     *
     * @param deliveryId the stable id for a new delivery of this notification on this channel
     */
    public Uni<Void> enqueue(SqlClient client, UUID deliveryId, UUID notificationId, String channelId, String groupKey,
            Duration groupWait) {
        if (groupWait.isZero()) {
            return newDelivery(client, deliveryId, notificationId, channelId, groupKey, groupWait);
        }
        return client.preparedQuery("""
                        select id from delivery
                        where channel_id = $1 and group_key = $2 and status = 'pending' and attempts = 0
                          and group_open_until > now()
                        order by created_at limit 1 for update""")
                .execute(Tuple.of(channelId, groupKey))
                .chain(rows -> rows.size() == 0
                        ? newDelivery(client, deliveryId, notificationId, channelId, groupKey, groupWait)
                        : addMember(client, rows.iterator().next().getUUID("id"), notificationId));
    }

    private Uni<Void> newDelivery(SqlClient client, UUID deliveryId, UUID notificationId, String channelId,
            String groupKey, Duration groupWait) {
        return client.preparedQuery("""
                        insert into delivery (id, channel_id, group_key, status, next_attempt_at, group_open_until)
                        values ($1, $2, $3, 'pending', now() + $4::bigint * interval '1 millisecond',
                                case when $4::bigint > 0 then now() + $4::bigint * interval '1 millisecond' end)
                        on conflict (id) do nothing""")
                .execute(Tuple.of(deliveryId, channelId, groupKey, groupWait.toMillis()))
                .chain(() -> addMember(client, deliveryId, notificationId));
    }

    private Uni<Void> addMember(SqlClient client, UUID deliveryId, UUID notificationId) {
        return client.preparedQuery("""
                        insert into delivery_member (delivery_id, notification_id) values ($1, $2)
                        on conflict do nothing""")
                .execute(Tuple.of(deliveryId, notificationId))
                .replaceWithVoid();
    }

    /** Reads a notification row (shared with the delivery and history queries). */
    static StoredNotification notification(Row row) {
        LocalDate date = row.getLocalDate("date");
        return new StoredNotification(row.getUUID("id"), row.getString("rule_id"), row.getString("rule_name"),
                row.getString("series"), row.getString("kind"), row.getInteger("episode"), Sql.instant(row, "at"),
                row.getString("severity"), Sql.stringMap(row, "labels"), Sql.stringList(row, "channels"),
                row.getString("message"), row.getBigDecimal("value"), row.getString("metric"), row.getString("scope"),
                date, Sql.stringMap(row, "context"), row.getString("status"), row.getString("reason"));
    }

    static final String NOTIFICATION_COLUMNS = """
            n.id, n.rule_id, n.rule_name, n.series, n.kind, n.episode, n.at, n.severity, n.labels, n.channels, n.message,
            n.value, n.metric, n.scope, n.date, n.context, n.status, n.reason""";
}
