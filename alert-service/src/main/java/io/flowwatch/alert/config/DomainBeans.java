package io.flowwatch.alert.config;

import io.flowwatch.alert.domain.InhibitRule;
import io.flowwatch.alert.domain.NotificationGrouper;
import io.flowwatch.alert.domain.RetryPolicy;
import io.flowwatch.alert.domain.WebhookUrlGuard;
import io.flowwatch.alert.mapping.Matchers;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The domain's policies, made from configuration once. */
public class DomainBeans {

    /** The inhibit rules in force (none unless configured). */
    public record InhibitRules(List<InhibitRule> rules) {
        public boolean isEmpty() {
            return rules.isEmpty();
        }
    }

    @Produces
    @Singleton
    WebhookUrlGuard webhookUrlGuard(AlertConfig config) {
        return new WebhookUrlGuard(config.webhook().allowList().orElse(List.of()));
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(AlertConfig config) {
        AlertConfig.Retry retry = config.retry();
        return new RetryPolicy(retry.initial(), retry.multiplier(), retry.max(), retry.giveUpAfter(), retry.jitter());
    }

    @Produces
    @Singleton
    NotificationGrouper notificationGrouper(AlertConfig config) {
        return new NotificationGrouper(config.groupBy(), config.groupWait());
    }

    @Produces
    @Singleton
    InhibitRules inhibitRules(AlertConfig config) {
        return new InhibitRules(config.inhibit().values().stream()
                .map(i -> new InhibitRule(
                        i.source().stream().map(Matchers::parse).toList(),
                        i.target().stream().map(Matchers::parse).toList(),
                        i.equal().orElse(List.of())))
                .toList());
    }
}
