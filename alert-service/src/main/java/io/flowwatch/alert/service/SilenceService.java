package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.domain.Matcher;
import io.flowwatch.alert.mapping.Durations;
import io.flowwatch.alert.mapping.FieldErrors;
import io.flowwatch.alert.mapping.MatcherDto;
import io.flowwatch.alert.mapping.Matchers;
import io.flowwatch.alert.mapping.SilenceDto;
import io.flowwatch.alert.repository.SilenceEntity;
import io.flowwatch.alert.repository.SilenceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Silences by label matchers with an expiry. They hold back notifications created while they are in force (the
 * notification is recorded as silenced); alerts keep changing state underneath.
 */
@ApplicationScoped
public class SilenceService {

    private static final TypeReference<List<MatcherDto>> MATCHERS = new TypeReference<>() {};
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final SilenceRepository silences;
    private final ObjectMapper json;

    public SilenceService(SilenceRepository silences, ObjectMapper json) {
        this.silences = silences;
        this.json = json;
    }

    @WithSession
    public Uni<List<SilenceDto>> list(boolean includeExpired) {
        Instant now = Instant.now();
        return silences.list(includeExpired, now).map(list -> list.stream().map(s -> read(s, now)).toList());
    }

    @WithTransaction
    public Uni<SilenceDto> create(SilenceDto dto) {
        FieldErrors errors = new FieldErrors();
        Instant now = Instant.now();
        if (dto == null) {
            return Uni.createFrom().failure(InvalidInputException.of("the silence is not valid", "", "a silence is required"));
        }
        List<MatcherDto> given = dto.matchers() == null ? List.of() : dto.matchers();
        if (given.isEmpty()) {
            errors.add("/matchers", "at least one matcher is required; a silence without one would mute everything");
        }
        List<MatcherDto> matchers = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Matcher matcher = Matchers.read(given.get(i), "/matchers/" + i, errors);
            if (matcher != null) {
                matchers.add(MatcherDto.of(matcher));
            }
        }
        Instant startsAt = dto.startsAt() != null ? dto.startsAt() : now;
        Instant endsAt = dto.endsAt();
        // beyond these the database cannot store the time (and durations cannot be added to it)
        if (startsAt.isBefore(EARLIEST) || startsAt.isAfter(LATEST)) {
            errors.add("/startsAt", startsAt, "must be between " + EARLIEST + " and " + LATEST);
            startsAt = now;
        }
        if (endsAt != null && (endsAt.isBefore(EARLIEST) || endsAt.isAfter(LATEST))) {
            errors.add("/endsAt", endsAt, "must be between " + EARLIEST + " and " + LATEST);
            endsAt = null;
        }
        if (dto.duration() != null) {
            try {
                Duration duration = Durations.parse(dto.duration());
                if (endsAt != null) {
                    errors.add("/duration", "give endsAt or duration, not both");
                } else if (duration == null || !duration.isPositive()) {
                    errors.add("/duration", dto.duration(), "must be positive");
                } else if (duration.compareTo(Duration.between(startsAt, LATEST)) > 0) {
                    errors.add("/duration", dto.duration(), "too long: the silence would end after " + LATEST);
                } else {
                    endsAt = startsAt.plus(duration);
                }
            } catch (IllegalArgumentException e) {
                errors.add("/duration", dto.duration(), e.getMessage());
            }
        }
        if (endsAt == null && !errors.has("/duration") && !errors.has("/endsAt")) {
            errors.add("/endsAt", "a silence needs an end: endsAt or duration");
        } else if (endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add("/endsAt", endsAt, "must be after startsAt");
        } else if (endsAt != null && !endsAt.isAfter(now)) {
            errors.add("/endsAt", endsAt, "lies in the past; the silence would never be in force");
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException("the silence is not valid", errors.list()));
        }
        SilenceEntity entity = new SilenceEntity();
        entity.id = UUID.randomUUID().toString();
        entity.matchers = write(matchers);
        entity.startsAt = startsAt;
        entity.endsAt = endsAt;
        entity.createdBy = dto.createdBy();
        entity.comment = dto.comment();
        entity.createdAt = now;
        return silences.persist(entity).map(saved -> read(saved, now));
    }

    /** Ends the silence now (it stays listed as expired); false if there is no such silence. */
    @WithTransaction
    public Uni<Boolean> expire(String id) {
        Instant now = Instant.now();
        return silences.findById(id).map(entity -> {
            if (entity == null) {
                return false;
            }
            if (entity.endsAt.isAfter(now)) {
                entity.endsAt = now;
                if (entity.startsAt.isAfter(now)) {
                    entity.startsAt = now;
                }
            }
            return true;
        });
    }

    private SilenceDto read(SilenceEntity entity, Instant now) {
        List<MatcherDto> matchers;
        try {
            matchers = json.readValue(entity.matchers, MATCHERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored matchers of silence " + entity.id + " are not JSON", e);
        }
        String status = !entity.endsAt.isAfter(now) ? "expired" : entity.startsAt.isAfter(now) ? "pending" : "active";
        return new SilenceDto(entity.id, matchers, entity.startsAt, entity.endsAt, null, entity.createdBy,
                entity.comment, status);
    }

    private String write(List<MatcherDto> matchers) {
        try {
            return json.writeValueAsString(matchers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode matchers", e);
        }
    }
}
