package io.flowwatch.analytics.repository;

/** An outbox row the relay holds locked while it publishes it. */
public record PendingMetric(long id, String eventId, String routingKey, String payload) {}
