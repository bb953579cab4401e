package io.flowwatch.alert.service;

/**
 * Fired (as a CDI event) after a transaction committed outbox rows, so the delivery worker and the transition relay
 * look at once instead of at their next poll.
 */
public record OutboxSignal(boolean deliveries, boolean transitions) {}
