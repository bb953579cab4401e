package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A silence: notifications of alerts whose labels match all matchers are recorded as silenced, not sent, from
 * {@code startsAt} (default now) until {@code endsAt} (or for {@code duration}, e.g. {@code PT2H}).
 *
 * @param status in answers only: {@code pending}, {@code active} or {@code expired}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "matchers", "startsAt", "endsAt", "duration", "createdBy", "comment", "status"})
public record SilenceDto(
        String id,
        List<MatcherDto> matchers,
        Instant startsAt,
        Instant endsAt,
        String duration,
        String createdBy,
        String comment,
        String status) {}
