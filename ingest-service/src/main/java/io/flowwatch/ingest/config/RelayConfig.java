package io.flowwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay ({@code flowwatch.relay.*}): how it polls, how much it takes, how it backs off. */
@ConfigMapping(prefix = "flowwatch.relay")
public interface RelayConfig {

    /**
     * How often the relay looks for unsent outbox rows besides the nudge after each accepted batch (the
     * {@code @Scheduled} trigger reads the same key). Quarkus's scheduler checks its triggers once a second, so
     * values below {@code 1s} behave as {@code 1s}; accepted batches do not wait for it (they nudge the relay).
     */
    @WithDefault("1s")
    Duration every();

    /** Outbox rows taken, published and confirmed per transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Events one message carries at most: the rows of a batch that share routing key, type, source, request and
     * trace go out as one message in the CloudEvents JSON batch format ({@code EventBatch}), because the broker's
     * cost, and each side's, is per message. {@code 1} sends every event as a message of its own.
     */
    @WithDefault("100")
    int eventsPerMessage();

    /**
     * Batches one transaction publishes at most. The next batch is read and published while the previous one awaits
     * its confirms (and while rows accepted meanwhile wait), so that neither the database nor the broker waits for
     * the other; the transaction ends after this many batches, or at the first batch that is not full.
     */
    @WithDefault("8")
    int windows();

    /** How long the relay waits for the broker's confirms of one batch before it gives up and retries later. */
    @WithDefault("15s")
    Duration confirmTimeout();

    /**
     * Rounds in a row that ended without their confirms while the channel reported its connection up, after which the
     * channel is put on a new broker connection (and again after as many more).
     */
    @WithDefault("2")
    int restartAfter();

    /**
     * Rounds in a row that may end without their confirms while the channel reports its connection up before liveness
     * reports the relay stalled (with the 15 s confirm timeout, 4 is a minute).
     */
    @WithDefault("4")
    int stalledAfter();

    /** The first pause after a failed batch; it doubles with each further failure. */
    @WithDefault("500ms")
    Duration backoffInitial();

    /** The longest pause between attempts while the broker keeps failing. */
    @WithDefault("10s")
    Duration backoffMax();

    /**
     * Sent outbox rows older than this are deleted (hourly), so that the outbox does not grow with every event ever
     * accepted: the event log keeps each event, and a replay queues it again from there.
     */
    @WithDefault("P7D")
    Duration retention();
}
