package io.flowwatch.analytics.service;

/**
 * What one transaction did.
 *
 * @param received events in the batch
 * @param applied events applied now (the others were already processed)
 * @param metrics metric updates written to the outbox
 */
public record BatchResult(int received, int applied, int metrics) {}
