package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.domain.StandardWebhookSigner;
import io.flowwatch.alert.mapping.ChannelDto;
import io.flowwatch.alert.mapping.FieldErrors;
import io.flowwatch.alert.mapping.RuleDto;
import io.flowwatch.alert.mapping.RuleMapper;
import io.flowwatch.alert.repository.ChannelEntity;
import io.flowwatch.alert.repository.ChannelRepository;
import io.flowwatch.alert.repository.RuleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Channels: webhooks (URL checked against the private-address guard, HMAC secret generated unless given) and
 * e-mail recipient lists. A webhook's secret is answered only when it is set (create, or a replace that sets one).
 */
@ApplicationScoped
public class ChannelService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final ChannelRepository channels;
    private final RuleRepository rules;
    private final UrlChecks urlChecks;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public ChannelService(ChannelRepository channels, RuleRepository rules, UrlChecks urlChecks, ObjectMapper json) {
        this.channels = channels;
        this.rules = rules;
        this.urlChecks = urlChecks;
        this.json = json;
    }

    /** The saved channel (with its secret only if this write set it) and whether it is new. */
    public record Saved(ChannelDto channel, boolean created) {}

    @WithSession
    public Uni<List<ChannelDto>> list() {
        return channels.listAllById().map(list -> list.stream().map(c -> read(c).withoutSecret()).toList());
    }

    @WithSession
    public Uni<ChannelDto> get(String id) {
        return channels.findById(id).map(c -> c == null ? null : read(c).withoutSecret());
    }

    @WithTransaction
    public Uni<ChannelDto> create(ChannelDto dto) {
        return validate(dto).chain(valid -> channels.findById(valid.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ConflictException(
                        "channel " + valid.id() + " exists; PUT /api/v1/channels/" + valid.id() + " replaces it"));
            }
            return store(valid, null).map(Saved::channel);
        }));
    }

    /** Creates or replaces; a webhook replaced without a secret keeps the one it had. */
    @WithTransaction
    public Uni<Saved> put(String id, ChannelDto dto) {
        if (dto != null && dto.id() != null && !dto.id().equals(id)) {
            return Uni.createFrom().failure(InvalidInputException.of("the channel is not valid", "/id",
                    "must be the id of the path, '" + id + "', or left out"));
        }
        return validate(dto == null ? null : dto.withId(id))
                .chain(valid -> channels.findById(id).chain(existing -> store(valid, existing)));
    }

    /** Refused while a rule notifies the channel; false if there was no such channel. */
    @WithTransaction
    public Uni<Boolean> delete(String id) {
        return rules.listAllById().chain(all -> {
            List<String> users = all.stream().filter(r -> channelsOf(r.definition).contains(id)).map(r -> r.id).toList();
            if (!users.isEmpty()) {
                return Uni.createFrom().failure(new ConflictException(
                        "channel " + id + " is used by rule(s) " + users + "; change or delete them first"));
            }
            return channels.deleteById(id);
        });
    }

    private List<String> channelsOf(String definition) {
        try {
            List<String> named = json.readValue(definition, RuleDto.class).channels();
            return named == null ? List.of() : named;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private Uni<ChannelDto> validate(ChannelDto dto) {
        FieldErrors errors = new FieldErrors();
        if (dto == null) {
            errors.add("", "a channel is required");
            return fail(errors);
        }
        if (dto.id() == null || !RuleMapper.ID.matcher(dto.id()).matches()) {
            errors.add("/id", dto.id(), "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String type = dto.type() == null ? "" : dto.type().trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case ChannelDto.WEBHOOK -> {
                if (dto.secret() != null && !dto.secret().isBlank()) {
                    try {
                        new StandardWebhookSigner(dto.secret());
                        if (!dto.secret().startsWith(StandardWebhookSigner.SECRET_PREFIX)) {
                            errors.add("/secret", "must be whsec_ followed by base64");
                        }
                    } catch (IllegalArgumentException e) {
                        errors.add("/secret", "must be whsec_ followed by base64: " + e.getMessage());
                    }
                }
                if (dto.url() == null || dto.url().isBlank()) {
                    errors.add("/url", "a webhook needs a URL");
                    return fail(errors);
                }
                return urlChecks.check(dto.url().trim()).chain(verdict -> {
                    if (!verdict.allowed()) {
                        errors.add("/url", dto.url(), verdict.reason());
                    }
                    return errors.isEmpty()
                            ? Uni.createFrom().item(new ChannelDto(dto.id(), type, dto.url().trim(),
                                    blankToNull(dto.secret()), null))
                            : fail(errors);
                });
            }
            case ChannelDto.EMAIL -> {
                List<String> to = dto.to() == null ? List.of() : dto.to();
                if (to.isEmpty()) {
                    errors.add("/to", "an e-mail channel needs at least one recipient");
                }
                for (int i = 0; i < to.size(); i++) {
                    if (to.get(i) == null || !EMAIL.matcher(to.get(i).trim()).matches()) {
                        errors.add("/to/" + i, to.get(i), "not an e-mail address");
                    }
                }
                return errors.isEmpty()
                        ? Uni.createFrom().item(new ChannelDto(dto.id(), type, null, null,
                                to.stream().map(String::trim).toList()))
                        : fail(errors);
            }
            default -> {
                errors.add("/type", dto.type(), "must be webhook or email");
                return fail(errors);
            }
        }
    }

    private static <T> Uni<T> fail(FieldErrors errors) {
        return Uni.createFrom().failure(new InvalidInputException("the channel is not valid", errors.list()));
    }

    private Uni<Saved> store(ChannelDto valid, ChannelEntity existing) {
        Instant now = Instant.now();
        boolean created = existing == null;
        ChannelEntity entity = created ? new ChannelEntity() : existing;
        String shownSecret = null;
        entity.id = valid.id();
        entity.type = valid.type();
        entity.url = valid.url();
        entity.emailTo = valid.to() == null ? null : write(valid.to());
        if (ChannelDto.WEBHOOK.equals(valid.type())) {
            if (valid.secret() != null) {
                entity.secret = valid.secret();
                shownSecret = valid.secret();
            } else if (entity.secret == null) {
                entity.secret = StandardWebhookSigner.newSecret(random);
                shownSecret = entity.secret;
            }
        } else {
            entity.secret = null;
        }
        entity.updatedAt = now;
        ChannelDto shown = new ChannelDto(entity.id, entity.type, entity.url, shownSecret, valid.to());
        if (created) {
            entity.createdAt = now;
            return channels.persist(entity).replaceWith(new Saved(shown, true));
        }
        return Uni.createFrom().item(new Saved(shown, false));
    }

    private ChannelDto read(ChannelEntity entity) {
        List<String> to = null;
        if (entity.emailTo != null) {
            try {
                to = json.readValue(entity.emailTo, STRINGS);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored recipients of " + entity.id + " are not JSON", e);
            }
        }
        return new ChannelDto(entity.id, entity.type, entity.url, entity.secret, to);
    }

    private String write(List<String> to) {
        try {
            return json.writeValueAsString(to);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode recipients", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
