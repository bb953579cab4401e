package io.flowwatch.ingest.messaging;

import io.flowwatch.events.messaging.ChannelRestart;
import io.flowwatch.events.messaging.StalledConfirms;
import io.flowwatch.ingest.config.RelayConfig;
import io.flowwatch.ingest.repository.OutboxRepository;
import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to RabbitMQ. Each round is one transaction: take the relay lock (one relay at a time across
 * replicas, so that order holds), lock up to {@code batch-size} unsent rows in seq order ({@code FOR UPDATE SKIP
 * LOCKED}), publish them in that order (the rows of one routing key and request share a message, see
 * {@link EventMessages}), and mark the confirmed prefix sent once the broker's confirms are in. While a
 * batch awaits its confirms the next one (up to {@code windows} per round) is already read and published, so that
 * the broker's confirm round trip and the database's reads and writes overlap, and rows accepted meanwhile do not
 * wait for the round to end. What was not confirmed stays unsent and is published again later: delivery is at least
 * once, and consumers skip ids they have seen. While the broker is unreachable the relay does not publish at all and
 * backs off (exponentially, capped), so that nothing piles up in the connector; ingest keeps accepting meanwhile.
 *
 * <p>Runs every {@code flowwatch.relay.every} and right after each accepted batch ({@link #nudge()}).
 */
@ApplicationScoped
@Startup // a bad setting stops the start rather than every round
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * The relay as operators see it (health check data and {@code /api/v1/ingest/stats}); {@code unconfirmedRounds}:
     * rounds in a row that ended waiting for a confirm on a connected channel ({@link StalledConfirms}).
     */
    public record Status(long depth, long published, Instant lastPublishedAt, int consecutiveFailures,
            String lastError, Instant lastFailureAt, Instant backingOffUntil, boolean brokerConnected,
            int unconfirmedRounds) {}

    /**
     * One round: how many rows were confirmed, why the round stopped early (null when it did not), and whether it
     * stopped waiting for a confirm.
     */
    private record Round(int confirmed, String failure, boolean unconfirmed) {
        static final Round NOTHING = new Round(0, null, false);

        static Round failed(String failure) {
            return new Round(0, failure, false);
        }
    }

    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final RelayConfig config;
    private final Vertx vertx;
    private final StalledConfirms stalledConfirms;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Counter publishedCounter;
    private final Counter failureCounter;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile Instant lastFailureAt;
    private volatile Instant lastPublishedAt;
    private volatile Instant backingOffUntil = Instant.EPOCH;

    public OutboxRelay(OutboxRepository outbox, EventPublisher publisher, RelayConfig config, Vertx vertx,
            MeterRegistry registry, ChannelRestart channelRestart) {
        // Rounds that end waiting for a confirm on a connected channel: every restart-after of them put the channel on
        // a new connection, and after stalled-after liveness reports the relay stalled (RelayLivenessCheck), so that
        // the instance is restarted (the rows stay in the outbox).
        this.stalledConfirms = channelRestart.watch(EventPublisher.CHANNEL, config.restartAfter());
        EventMessages.requireEventsPerMessage(config.eventsPerMessage());
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
        Gauge.builder("flowwatch.outbox.depth", depth, AtomicLong::get)
                .description("Outbox rows waiting to be relayed to RabbitMQ")
                .register(registry);
        this.publishedCounter = Counter.builder("flowwatch.relay.published")
                .description("Events the relay published and the broker confirmed")
                .register(registry);
        this.failureCounter = Counter.builder("flowwatch.relay.failures")
                .description("Relay rounds that stopped because the broker did not confirm")
                .register(registry);
    }

    @Scheduled(identity = "outbox-relay", every = "${flowwatch.relay.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return drain();
    }

    @Scheduled(identity = "outbox-clean-up", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        return deleteOldSent()
                .invoke(deleted -> LOG.debugf("deleted %d sent outbox rows older than %s", deleted, config.retention()))
                .onFailure().invoke(failure -> LOG.warnf("could not delete old sent outbox rows: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the sent rows older than {@code flowwatch.relay.retention}; answers how many. */
    Uni<Integer> deleteOldSent() {
        return Panache.withTransaction(() -> outbox.deleteSentBefore(Instant.now().minus(config.retention())));
    }

    /** Stops starting rounds when the application shuts down (the datasource is closing). */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Runs the relay soon, on a context of its own (called after each accepted batch). */
    public void nudge() {
        if (stopping || backingOff()) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> drain().subscribe().with(
                done -> {},
                failure -> LOG.warnf(failure, "outbox relay round failed")));
    }

    public Status status() {
        Instant until = backingOffUntil;
        return new Status(depth.get(), published.get(), lastPublishedAt, consecutiveFailures, lastError, lastFailureAt,
                until.isAfter(Instant.now()) ? until : null, publisher.connected(), stalledConfirms.rounds());
    }

    private boolean backingOff() {
        return Instant.now().isBefore(backingOffUntil);
    }

    /** Relays until the outbox is empty or a round fails; a second caller meanwhile only asks for another round. */
    Uni<Void> drain() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        if (backingOff()) {
            return refreshDepth();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        return loop().onTermination().invoke(() -> {
            running.set(false);
            if (again.getAndSet(false)) {
                nudge();
            }
        });
    }

    private Uni<Void> loop() {
        again.set(false);
        return Panache.withTransaction(this::round).onItemOrFailure().transformToUni((round, failure) -> {
            if (failure != null) {
                failed("relay transaction failed: " + failure);
                return refreshDepth();
            }
            if (round.confirmed() > 0) {
                confirmed(round.confirmed());
            }
            if (round.failure() != null) {
                if (round.unconfirmed()) {
                    stalledConfirms.roundUnconfirmed(publisher.connected());
                } else {
                    stalledConfirms.roundConfirmed();
                }
                failed(round.failure());
                return refreshDepth();
            }
            stalledConfirms.roundConfirmed();
            if (round.confirmed() >= config.batchSize() || again.get()) {
                return loop();
            }
            return refreshDepth();
        });
    }

    private Uni<Round> round() {
        return outbox.tryRelayLock().chain(locked -> {
            if (!Boolean.TRUE.equals(locked)) {
                return Uni.createFrom().item(Round.NOTHING); // another relay is at work
            }
            return outbox.lockNextUnsent(config.batchSize(), -1).chain(rows -> {
                if (rows.isEmpty()) {
                    return Uni.createFrom().item(Round.NOTHING);
                }
                // The connector reports a channel that never connected as healthy (the first publish connects it),
                // and one that lost its connection as not: then nothing is handed to it until it is back.
                if (!publisher.connected()) {
                    return Uni.createFrom().item(Round.failed("the broker connection is down"));
                }
                return confirmAndContinue(send(rows), 0, 1, Vertx.currentContext());
            });
        });
    }

    /** A batch of rows handed to the channel, and the failure of each publish (empty when confirmed), in row order. */
    private record Window(List<OutboxRow> rows, CompletableFuture<List<Optional<Throwable>>> outcomes) {
        long lastSeq() {
            return rows.getLast().seq();
        }
    }

    /**
     * Publishes the rows now, as the messages {@link EventMessages} makes of them; the outcomes (one per row, in row
     * order, each its message's) complete when every confirm (or failure) is in.
     */
    private Window send(List<OutboxRow> rows) {
        Duration timeout = config.confirmTimeout();
        List<List<OutboxRow>> messages = EventMessages.of(rows, config.eventsPerMessage());
        List<Uni<Optional<Throwable>>> sends = messages.stream()
                .map(message -> publisher.publish(message)
                        .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no confirm within " + timeout))
                        .map(ignored -> Optional.<Throwable>empty())
                        .onFailure().recoverWithItem(Optional::of))
                .toList();
        Map<Long, Integer> messageOfRow = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < messages.size(); i++) {
            for (OutboxRow row : messages.get(i)) {
                messageOfRow.put(row.seq(), i);
            }
        }
        return new Window(rows, Uni.join().all(sends).andFailFast().subscribeAsCompletionStage()
                .thenApply(perMessage -> rows.stream().map(row -> perMessage.get(messageOfRow.get(row.seq()))).toList()));
    }

    /**
     * While {@code current} awaits its confirms, reads and publishes the next batch (when the current one was full, or
     * rows were accepted since it was read, and the transaction has windows left); then marks the current batch's
     * confirmed prefix sent and goes on with the next. At the first row not confirmed the round stops: that row and
     * everything after it stay unsent and are published again later (at least once; consumers skip ids they have
     * seen).
     */
    private Uni<Round> confirmAndContinue(Window current, int confirmedBefore, int windows, Context session) {
        boolean more = windows < config.windows()
                && (current.rows().size() == config.batchSize() || again.getAndSet(false));
        Uni<Optional<Window>> next = more
                ? outbox.lockNextUnsent(config.batchSize(), current.lastSeq())
                        .map(rows -> rows.isEmpty() ? Optional.<Window>empty() : Optional.of(send(rows)))
                : Uni.createFrom().item(Optional.empty());
        return next.chain(following -> Uni.createFrom().completionStage(current.outcomes())
                // Back to the session's context: Hibernate Reactive insists on it.
                .emitOn(command -> session.runOnContext(ignored -> command.run()))
                .chain(outcomes -> {
                    int confirmed = 0;
                    while (confirmed < outcomes.size() && outcomes.get(confirmed).isEmpty()) {
                        confirmed++;
                    }
                    Throwable cause = confirmed < outcomes.size() ? outcomes.get(confirmed).get() : null;
                    String failure = cause == null ? null : describe(current.rows().get(confirmed), cause);
                    int total = confirmedBefore + confirmed;
                    List<Long> seqs = current.rows().subList(0, confirmed).stream().map(OutboxRow::seq).toList();
                    Uni<Integer> marked = outbox.markSent(seqs, Instant.now());
                    if (failure != null || following.isEmpty()) {
                        return marked.map(updated -> new Round(total, failure, cause instanceof TimeoutException));
                    }
                    return marked.chain(() -> confirmAndContinue(following.get(), total, windows + 1, session));
                }));
    }

    private static String describe(OutboxRow row, Throwable failure) {
        return "event " + row.eventId() + " (outbox seq " + row.seq() + ") not confirmed: " + failure;
    }

    private void confirmed(int count) {
        consecutiveFailures = 0;
        backingOffUntil = Instant.EPOCH;
        lastPublishedAt = Instant.now();
        published.addAndGet(count);
        publishedCounter.increment(count);
    }

    private void failed(String reason) {
        int failures = ++consecutiveFailures;
        long initial = config.backoffInitial().toMillis();
        long pause = Math.min(config.backoffMax().toMillis(), initial << Math.min(20, failures - 1));
        backingOffUntil = Instant.now().plusMillis(pause);
        lastError = reason;
        lastFailureAt = Instant.now();
        failureCounter.increment();
        if (failures == 1 || failures % 10 == 0) {
            LOG.warnf("outbox relay: %s; retrying in %d ms (failure %d in a row)", reason, pause, failures);
        }
    }

    private Uni<Void> refreshDepth() {
        return Panache.withSession(outbox::unsent)
                .invoke(depth::set)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
