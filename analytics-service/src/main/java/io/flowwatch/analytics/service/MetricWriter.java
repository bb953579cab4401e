package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.repository.MetricOutboxRepository;
import io.flowwatch.analytics.repository.OutboxEntry;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes metric updates into the outbox, in the caller's transaction. Updates of dated series (flows, holdings
 * share) are compared with what was last published for the same metric, scope and date ({@code published_metric})
 * and written only when their value or context changed, so that recomputing later dates does not flood the alert
 * service. Time-based updates ({@code quote.change}, {@code liquidation.window}) belong to one new fact each and
 * are always written (of ticks within one step of quote time, only the last makes {@code quote.change} updates:
 * {@link QuoteChanges#lastOfEachStep}).
 */
@ApplicationScoped
public class MetricWriter {

    private final MetricOutboxRepository outbox;
    private final String eventSource;

    public MetricWriter(MetricOutboxRepository outbox, AnalyticsConfig config) {
        this.outbox = outbox;
        this.eventSource = config.eventSource();
    }

    /** @return how many updates were written to the outbox */
    public Uni<Integer> write(List<MetricUpdate> dated, List<MetricUpdate> undated) {
        Map<String, MetricUpdate> bySeries = new LinkedHashMap<>(); // the last computed update of each series wins
        dated.forEach(update -> bySeries.put(seriesKey(update), update));
        return outbox.fingerprints(bySeries.keySet()).chain(published -> {
            Map<String, String> changed = new LinkedHashMap<>();
            List<MetricUpdate> toWrite = new ArrayList<>();
            bySeries.forEach((key, update) -> {
                String fingerprint = fingerprint(update);
                if (!fingerprint.equals(published.get(key))) {
                    changed.put(key, fingerprint);
                    toWrite.add(update);
                }
            });
            toWrite.addAll(undated);
            Instant now = Instant.now();
            List<OutboxEntry> entries = toWrite.stream().map(update -> entry(update, now)).toList();
            return outbox.saveFingerprints(changed).chain(() -> outbox.enqueue(entries));
        });
    }

    private OutboxEntry entry(MetricUpdate update, Instant now) {
        UUID id = UUID.randomUUID();
        Event<MetricUpdate> event = Event.of(id, eventSource, now, update);
        return new OutboxEntry(id, update.metric(), update.scope(), update.date(), update.at(), update.value(),
                update.routingKey(), EventCodec.encodeToString(event));
    }

    /** {@code flow.daily/us-spot-etf:BTC@2026-01-29}. */
    static String seriesKey(MetricUpdate update) {
        return update.metric() + "/" + update.scope() + "@" + (update.date() != null ? update.date() : update.at());
    }

    /** A digest of the value and the context (in key order), so that equal updates have equal fingerprints. */
    static String fingerprint(MetricUpdate update) {
        StringBuilder text = new StringBuilder(update.value().toPlainString()).append('|').append(update.at());
        new TreeMap<>(update.context()).forEach((key, value) -> text.append('|').append(key).append('=').append(value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
