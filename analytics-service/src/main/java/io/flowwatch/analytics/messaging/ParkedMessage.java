package io.flowwatch.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A message in the parking queue.
 *
 * @param id stable across listings and re-parking: the {@code x-flowwatch-parked-id} header, else the message id,
 *     else a digest of the body
 * @param routingKey the routing key it was first published with
 * @param reason why it was parked ({@code x-flowwatch-error}, or the broker's dead-letter reason)
 * @param parkedAt when the consumer parked it (null if the broker dead-lettered it)
 * @param replays how often it was replayed already
 * @param body the body as text (UTF-8)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParkedMessage(
        String id, String routingKey, String reason, Instant parkedAt, int replays, String contentType, String body) {}
