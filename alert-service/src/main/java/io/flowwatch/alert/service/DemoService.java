package io.flowwatch.alert.service;

import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.domain.DemoRules;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.mapping.ChannelDto;
import io.flowwatch.alert.mapping.RuleDto;
import io.flowwatch.alert.mapping.RuleMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the seed-week demo: channel {@code demo-webhook} (from {@code flowwatch.alert.demo.webhook-url}),
 * channel {@code demo-email} (from {@code flowwatch.alert.demo.email-to}) and the {@link DemoRules}, notifying
 * whichever of the two channels is configured. Idempotent: installing again replaces the rules and channels with
 * the same ones and keeps the webhook's secret.
 */
@ApplicationScoped
public class DemoService {

    private final ChannelService channels;
    private final RuleService rules;
    private final AlertConfig config;

    public DemoService(ChannelService channels, RuleService rules, AlertConfig config) {
        this.channels = channels;
        this.rules = rules;
        this.config = config;
    }

    /** What was installed; a channel's secret only if this call created it. */
    public record Installed(List<ChannelDto> channels, List<String> rules) {}

    @WithTransaction
    public Uni<Installed> install() {
        List<ChannelDto> wanted = new ArrayList<>();
        config.demo().webhookUrl().filter(url -> !url.isBlank()).ifPresent(url -> wanted.add(new ChannelDto(
                "demo-webhook", ChannelDto.WEBHOOK, url, config.demo().webhookSecret().orElse(null), null)));
        config.demo().emailTo().filter(to -> !to.isEmpty()).ifPresent(to -> wanted.add(new ChannelDto(
                "demo-email", ChannelDto.EMAIL, null, null, to)));
        List<String> installedChannels = wanted.stream().map(ChannelDto::id).toList();
        return putAll(wanted, 0, new ArrayList<>()).chain(saved -> {
            List<RuleDto> demoRules = DemoRules.all().stream()
                    .map(rule -> RuleMapper.toDto(withChannels(rule, installedChannels)))
                    .toList();
            return rules.importRules(demoRules).map(result -> new Installed(saved, result.ids()));
        });
    }

    private Uni<List<ChannelDto>> putAll(List<ChannelDto> wanted, int index, List<ChannelDto> saved) {
        if (index == wanted.size()) {
            return Uni.createFrom().item(saved);
        }
        ChannelDto channel = wanted.get(index);
        return channels.put(channel.id(), channel).chain(result -> {
            saved.add(result.created() ? result.channel() : result.channel().withoutSecret());
            return putAll(wanted, index + 1, saved);
        });
    }

    private static Rule withChannels(Rule rule, List<String> available) {
        List<String> kept = rule.channels().stream().filter(available::contains).toList();
        return new Rule(rule.id(), rule.name(), rule.selector(), rule.condition(), rule.forDuration(),
                rule.keepFiringFor(), rule.severity(), rule.labels(), kept, rule.repeatInterval(),
                rule.notifyResolved(), rule.messageTemplate());
    }
}
