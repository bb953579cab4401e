package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.mapping.FieldErrors;
import io.flowwatch.alert.mapping.RuleDto;
import io.flowwatch.alert.mapping.RuleMapper;
import io.flowwatch.alert.mapping.RuleYaml;
import io.flowwatch.alert.repository.ChannelRepository;
import io.flowwatch.alert.repository.RuleEntity;
import io.flowwatch.alert.repository.RuleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules: validated ({@link RuleMapper} and {@link io.flowwatch.alert.domain.RuleValidator}, a template that parses,
 * channels that exist) and stored in their canonical form. Changing a rule keeps its alerts' state; deleting it
 * drops the state and keeps the history.
 */
@ApplicationScoped
public class RuleService {

    private final RuleRepository rules;
    private final ChannelRepository channels;
    private final MessageRenderer renderer;
    private final ObjectMapper json;

    public RuleService(RuleRepository rules, ChannelRepository channels, MessageRenderer renderer, ObjectMapper json) {
        this.rules = rules;
        this.channels = channels;
        this.renderer = renderer;
        this.json = json;
    }

    /** Whether a write made a new rule or replaced one. */
    public record Saved(RuleDto rule, boolean created) {}

    public record ImportResult(int created, int updated, List<String> ids) {}

    @WithSession
    public Uni<List<RuleDto>> list() {
        return rules.listAllById().map(entities -> entities.stream().map(this::read).toList());
    }

    /** The rule, or null if there is none. */
    @WithSession
    public Uni<RuleDto> get(String id) {
        return rules.findById(id).map(entity -> entity == null ? null : read(entity));
    }

    @WithTransaction
    public Uni<RuleDto> create(RuleDto dto) {
        return validate(dto, new FieldErrors(), "the rule is not valid")
                .chain(rule -> rules.findById(rule.id()).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(new ConflictException(
                                "rule " + rule.id() + " exists; PUT /api/v1/rules/" + rule.id() + " replaces it"));
                    }
                    return store(rule, null).map(Saved::rule);
                }));
    }

    /** Creates or replaces the rule with this id (the body's id, if any, must be the same). */
    @WithTransaction
    public Uni<Saved> put(String id, RuleDto dto) {
        if (dto != null && dto.id() != null && !dto.id().equals(id)) {
            return Uni.createFrom().failure(InvalidInputException.of("the rule is not valid", "/id",
                    "must be the id of the path, '" + id + "', or left out"));
        }
        return validate(dto == null ? null : dto.withId(id), new FieldErrors(), "the rule is not valid")
                .chain(rule -> rules.findById(id).chain(existing -> store(rule, existing)));
    }

    /** False if there was no such rule. */
    @WithTransaction
    public Uni<Boolean> delete(String id) {
        return rules.deleteById(id);
    }

    @WithSession
    public Uni<String> exportYaml() {
        return list().map(RuleYaml::write);
    }

    /** Validates every rule of the document first; stores all of them (created or replaced) or none. */
    @WithTransaction
    public Uni<ImportResult> importYaml(String document) {
        List<RuleDto> dtos;
        try {
            dtos = RuleYaml.read(document);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(InvalidInputException.of("the document is not a rule set", "/", e.getMessage()));
        }
        return importRules(dtos);
    }

    /** Stores the rules (all or none), e.g. the demo set; validated like any other. */
    @WithTransaction
    public Uni<ImportResult> importRules(List<RuleDto> dtos) {
        FieldErrors errors = new FieldErrors();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            RuleDto dto = dtos.get(i);
            if (dto != null && dto.id() != null && !seen.add(dto.id())) {
                errors.add("/rules/" + i + "/id", dto.id(), "appears more than once");
            }
        }
        List<Uni<Rule>> checks = new ArrayList<>();
        for (int i = 0; i < dtos.size(); i++) {
            checks.add(check(dtos.get(i), errors.under("/rules/" + i)));
        }
        return Multi.createFrom().iterable(checks).onItem().transformToUniAndConcatenate(u -> u)
                .collect().asList()
                .chain(checked -> {
                    if (!errors.isEmpty()) {
                        return Uni.createFrom().failure(new InvalidInputException(
                                "the rule set is not valid; nothing was imported", errors.list()));
                    }
                    return Multi.createFrom().iterable(checked)
                            .onItem().transformToUniAndConcatenate(rule -> rules.findById(rule.id())
                                    .chain(existing -> store(rule, existing)))
                            .collect().asList()
                            .map(saved -> new ImportResult(
                                    (int) saved.stream().filter(Saved::created).count(),
                                    (int) saved.stream().filter(s -> !s.created()).count(),
                                    saved.stream().map(s -> s.rule().id()).toList()));
                });
    }

    /** The domain rule, or a failure with every problem. */
    private Uni<Rule> validate(RuleDto dto, FieldErrors errors, String detail) {
        return check(dto, errors).chain(rule -> errors.isEmpty()
                ? Uni.createFrom().item(rule)
                : Uni.createFrom().failure(new InvalidInputException(detail, errors.list())));
    }

    /** Adds the rule's problems to {@code errors}; the rule if it has none (null otherwise). */
    private Uni<Rule> check(RuleDto dto, FieldErrors errors) {
        int before = errors.size();
        Rule rule = RuleMapper.toDomain(dto, errors);
        if (dto == null) {
            return Uni.createFrom().nullItem();
        }
        renderer.problemWith(dto.template()).ifPresent(problem -> errors.add("/template", problem));
        List<String> named = dto.channels() == null ? List.of() : dto.channels();
        Set<String> distinct = new LinkedHashSet<>(named.stream().filter(c -> c != null && !c.isBlank()).toList());
        return channels.existingIds(distinct).map(existing -> {
            for (int i = 0; i < named.size(); i++) {
                String channel = named.get(i);
                if (channel != null && !channel.isBlank() && !existing.contains(channel)) {
                    errors.add("/channels/" + i, channel, "there is no channel '" + channel
                            + "'; create it first (POST /api/v1/channels)");
                }
            }
            return errors.size() == before ? rule : null;
        });
    }

    private Uni<Saved> store(Rule rule, RuleEntity existing) {
        RuleDto canonical = RuleMapper.toDto(rule);
        Instant now = Instant.now();
        RuleEntity entity = existing != null ? existing : new RuleEntity();
        boolean created = existing == null;
        entity.id = rule.id();
        entity.name = rule.name();
        entity.metric = rule.selector().metric();
        entity.scope = rule.selector().scope();
        entity.definition = write(canonical);
        entity.updatedAt = now;
        if (created) {
            entity.createdAt = now;
            return rules.persist(entity).replaceWith(new Saved(canonical, true));
        }
        return Uni.createFrom().item(new Saved(canonical, false)); // managed: flushed at commit
    }

    private RuleDto read(RuleEntity entity) {
        try {
            return json.readValue(entity.definition, RuleDto.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule " + entity.id + " is not JSON", e);
        }
    }

    private String write(RuleDto dto) {
        try {
            return json.writeValueAsString(dto);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode rule " + dto.id(), e);
        }
    }
}
