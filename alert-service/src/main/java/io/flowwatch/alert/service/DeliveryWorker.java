package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.client.EmailClient;
import io.flowwatch.alert.client.WebhookClient;
import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.domain.RetryPolicy;
import io.flowwatch.alert.domain.StandardWebhookSigner;
import io.flowwatch.alert.mapping.ChannelDto;
import io.flowwatch.alert.repository.DeliveryRepository;
import io.flowwatch.alert.repository.DeliveryRepository.ChannelRow;
import io.flowwatch.alert.repository.DeliveryRepository.Claimed;
import io.flowwatch.alert.repository.DeliveryRepository.Outcome;
import io.flowwatch.alert.repository.StoredNotification;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends the delivery outbox. Every poll interval (and right after an evaluation queued something) it claims as many
 * due rows as it has free slots, sends each on its own (so a slow receiver holds one slot until its timeout, never the
 * others) and records every attempt with its outcome in the row's own transaction: delivered on a 2xx (or an SMTP
 * server that took the mail), otherwise retried with {@link RetryPolicy}'s backoff until it gives up and parks the
 * row. The state is committed per row after each attempt, so a restart resends only what was not acknowledged.
 *
 * <p>A Vert.x timer drives it rather than {@code @Scheduled}: the built-in scheduler ticks once a second at best.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Vertx vertx;
    private final DeliveryRepository repository;
    private final DeliveryContent content;
    private final WebhookClient webhooks;
    private final EmailClient email;
    private final UrlChecks urlChecks;
    private final RetryPolicy retryPolicy;
    private final AlertConfig config;
    private final ObjectMapper json;
    private final AlertMetrics metrics;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean backlog;
    private volatile long timerId = -1;
    private volatile Instant lastTick = Instant.now();

    public DeliveryWorker(Vertx vertx, DeliveryRepository repository, DeliveryContent content, WebhookClient webhooks,
            EmailClient email, UrlChecks urlChecks, RetryPolicy retryPolicy, AlertConfig config, ObjectMapper json,
            AlertMetrics metrics) {
        this.vertx = vertx;
        this.repository = repository;
        this.content = content;
        this.webhooks = webhooks;
        this.email = email;
        this.urlChecks = urlChecks;
        this.retryPolicy = retryPolicy;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(Math.max(10, config.delivery().pollInterval().toMillis()), id -> tick());
    }

    /** Stops claiming and waits (up to the webhook timeout) for the sends in flight to record their outcome. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        long deadline = System.nanoTime() + config.webhook().timeout().plusSeconds(1).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void onSignal(@Observes OutboxSignal signal) {
        if (signal.deliveries()) {
            tick();
        }
    }

    /** When the worker last looked for work (readiness reports a worker that stopped ticking). */
    public Instant lastTick() {
        return lastTick;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Claims due rows for the free slots and starts sending them; never waits for the sends. */
    public void tick() {
        lastTick = Instant.now();
        if (stopping) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            again.set(true); // a claim is under way; look again when it is done
            return;
        }
        int free = config.delivery().maxConcurrency() - inFlight.get();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        Duration lease = config.webhook().timeout().plus(config.delivery().emailTimeout()).plusSeconds(30);
        repository.claimDue(free, UUID.randomUUID(), lease).subscribe().with(claimed -> {
            for (Claimed row : claimed) {
                inFlight.incrementAndGet();
                deliver(row).subscribe().with(ignored -> finished(), failure -> {
                    LOG.warnf(failure, "delivery %s could not record its attempt; it is tried again when its lease ends",
                            row.id());
                    finished();
                });
            }
            // every free slot was filled: more may be due, so a slot that frees up looks again at once
            backlog = !claimed.isEmpty() && claimed.size() == free;
            claiming.set(false);
            if (again.getAndSet(false)) {
                tick();
            }
        }, failure -> {
            LOG.debugf(failure, "claiming deliveries failed; the next tick tries again");
            claiming.set(false);
        });
    }

    private void finished() {
        inFlight.decrementAndGet();
        if (again.getAndSet(false) || backlog) {
            tick();
        }
    }

    /** One attempt at one row, recorded with its outcome. */
    Uni<Boolean> deliver(Claimed row) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        return repository.channel(row.channelId())
                .chain(channel -> repository.members(row.id()).chain(members -> attempt(row, channel, members)))
                .onFailure().recoverWithItem(failure -> Attempt.failed(null, describe(failure)))
                .chain(attempt -> {
                    int durationMs = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
                    Outcome outcome = attempt.delivered() ? Outcome.delivered() : retryOrPark(row, attempt.error());
                    if (!attempt.delivered()) {
                        LOG.debugf("delivery %s to %s failed (%s): %s", row.id(), row.channelId(), outcome.status(),
                                attempt.error());
                    }
                    metrics.attempt(attempt.channelType(), attempt.delivered(), outcome.status());
                    return repository.recordAttempt(row, started, durationMs, attempt.statusCode(), outcome);
                });
    }

    private Outcome retryOrPark(Claimed row, String error) {
        Instant now = Instant.now();
        Instant first = row.firstAttemptAt() != null ? row.firstAttemptAt() : now;
        Optional<Instant> next = retryPolicy.nextAttempt(row.attempts() + 1, first, now, ThreadLocalRandom.current());
        return next.map(at -> new Outcome("pending", at, error)).orElseGet(() -> new Outcome("parked", null, error));
    }

    /** The result of one try. */
    record Attempt(boolean delivered, Integer statusCode, String error, String channelType) {
        static Attempt ok(Integer statusCode, String channelType) {
            return new Attempt(true, statusCode, null, channelType);
        }

        static Attempt failed(Integer statusCode, String error) {
            return new Attempt(false, statusCode, error, null);
        }

        static Attempt failed(Integer statusCode, String error, String channelType) {
            return new Attempt(false, statusCode, error, channelType);
        }
    }

    private Uni<Attempt> attempt(Claimed row, Optional<ChannelRow> channel, List<StoredNotification> members) {
        if (channel.isEmpty()) {
            return Uni.createFrom().item(Attempt.failed(null, "there is no channel '" + row.channelId() + "'"));
        }
        if (members.isEmpty()) {
            return Uni.createFrom().item(Attempt.failed(null, "the delivery carries no notification"));
        }
        ChannelRow c = channel.get();
        return switch (c.type()) {
            case ChannelDto.WEBHOOK -> webhook(c, members);
            case ChannelDto.EMAIL -> email(c, members);
            default -> Uni.createFrom().item(Attempt.failed(null, "unknown channel type '" + c.type() + "'"));
        };
    }

    private Uni<Attempt> webhook(ChannelRow channel, List<StoredNotification> members) {
        // checked again now: what a host resolves to may have changed since the channel was saved
        return urlChecks.check(channel.url()).chain(verdict -> {
            if (!verdict.allowed()) {
                return Uni.createFrom().item(Attempt.failed(null, "URL refused: " + verdict.reason(), ChannelDto.WEBHOOK));
            }
            String id = content.messageId(members).toString();
            String body = content.webhookBody(members);
            long timestamp = Instant.now().getEpochSecond();
            var headers = new StandardWebhookSigner(channel.secret()).headers(id, timestamp, body);
            return webhooks.post(URI.create(channel.url()), verdict.addresses(), headers, body,
                            config.webhook().timeout())
                    .map(status -> status >= 200 && status < 300
                            ? Attempt.ok(status, ChannelDto.WEBHOOK)
                            : Attempt.failed(status, "HTTP " + status, ChannelDto.WEBHOOK));
        });
    }

    private Uni<Attempt> email(ChannelRow channel, List<StoredNotification> members) {
        List<String> to;
        try {
            to = json.readValue(channel.emailTo(), STRINGS);
        } catch (Exception e) {
            return Uni.createFrom().item(Attempt.failed(null, "the channel's recipients do not read: " + e.getMessage()));
        }
        return email.send(to, content.emailSubject(members), content.emailText(members), content.emailHtml(members),
                        content.emailMessageId(members, channel.id()), config.delivery().emailTimeout())
                .replaceWith(Attempt.ok(null, ChannelDto.EMAIL));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
