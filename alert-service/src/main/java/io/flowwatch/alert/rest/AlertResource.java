package io.flowwatch.alert.rest;

import io.flowwatch.alert.mapping.HistoryViews;
import io.flowwatch.alert.mapping.RuleMapper;
import io.flowwatch.alert.repository.HistoryRepository.Filter;
import io.flowwatch.alert.service.HistoryService;
import io.flowwatch.alert.service.MalformedRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The alert history: every transition, every notification with its deliveries and every delivery attempt. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final Set<String> STATES = Set.of("inactive", "pending", "firing", "resolved");
    private static final int MAX_LIMIT = 10_000;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final HistoryService history;

    public AlertResource(HistoryService history) {
        this.history = history;
    }

    /**
     * @param rule a rule id
     * @param state {@code inactive}, {@code pending}, {@code firing} or {@code resolved}
     * @param from metric time, inclusive: an instant ({@code 2026-01-29T00:00:00Z}) or a date (its start, UTC)
     * @param to metric time, exclusive: an instant or a date (its start, UTC)
     */
    @GET
    public Uni<List<HistoryViews.Entry>> list(@QueryParam("rule") String rule, @QueryParam("state") String state,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("1000") String limitText) {
        int limit = limit(limitText, MAX_LIMIT);
        String normalizedState = state == null || state.isBlank() ? null : state.trim().toLowerCase(Locale.ROOT);
        if (normalizedState != null && !STATES.contains(normalizedState)) {
            throw new MalformedRequestException("state", "must be one of " + STATES.stream().sorted().toList());
        }
        if (rule != null && !rule.isBlank() && !RuleMapper.ID.matcher(rule).matches()) {
            throw new MalformedRequestException("rule", "not a rule id: 1 to 128 letters, digits, '.', '_' or '-'");
        }
        Filter filter = new Filter(rule == null || rule.isBlank() ? null : rule, normalizedState, time("from", from),
                time("to", to), limit);
        return history.query(filter).map(entries -> entries.stream().map(HistoryViews::of).toList());
    }

    private static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedRequestException(name, "'" + text + "' is neither an instant (2026-01-29T21:00:00Z) nor a date (2026-01-29)");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new MalformedRequestException(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return at;
    }

    /** A whole number from 1 to max, read here so that "all" is a 400 naming the parameter rather than a 404. */
    static int limit(String text, int max) {
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new MalformedRequestException("limit", "must be a whole number between 1 and " + max);
    }
}
