package io.flowwatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the alert service can be told, under {@code flowwatch.alert}. */
@ConfigMapping(prefix = "flowwatch.alert")
public interface AlertConfig {

    Webhook webhook();

    Delivery delivery();

    /** When a failed delivery is tried again, and when it is parked. */
    Retry retry();

    Consumer consumer();

    /**
     * Partitions of the metric updates (scale-out). 1: one queue bound to the metrics exchange. N &gt; 1: a
     * consistent-hash exchange spreads the updates by routing key (metric and scope, i.e. the series) over N partition
     * queues, each with a single active consumer; {@link PartitionChannels} configures the channel copies. Every
     * instance must use the same N.
     */
    @WithDefault("1")
    int partitions();

    Relay relay();

    Mail mail();

    Demo demo();

    /**
     * How long the first notification of a group waits for others of the same group (same channel and the same
     * values of {@link #groupBy()} labels) to go out with it as one message. Zero sends each one on its own at once.
     */
    @WithDefault("0s")
    Duration groupWait();

    /** The labels whose values make a group; {@code rule} (the rule id) by default. */
    @WithDefault("rule")
    List<String> groupBy();

    /**
     * Inhibit rules by name, Alertmanager style: while an alert matching {@code source} fires, notifications of
     * alerts matching {@code target} with the same values of the {@code equal} labels are recorded as inhibited,
     * not sent. None by default.
     */
    Map<String, Inhibit> inhibit();

    /** How long delivered or parked history and published transition events are kept. */
    @WithDefault("2160h")
    Duration retention();

    interface Webhook {
        /**
         * CIDR blocks ({@code 10.1.0.0/16}) and host names that webhooks may reach even though they are private,
         * loopback or link-local; empty by default, so only public addresses are allowed.
         */
        Optional<List<String>> allowList();

        /** The whole request, from connecting to the end of the response. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Delivery {
        /** How often the worker looks for due deliveries (it is also woken right after an evaluation). */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Deliveries in flight at once; a slow receiver holds one slot, never the others. */
        @WithDefault("16")
        int maxConcurrency();

        /** The longest an e-mail may take to hand over to the SMTP server. */
        @WithDefault("30s")
        Duration emailTimeout();
    }

    interface Retry {
        @WithDefault("10s")
        Duration initial();

        @WithDefault("2.0")
        double multiplier();

        @WithDefault("1h")
        Duration max();

        /** From the first attempt; after it the delivery is parked. */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** The fraction (0 ≤ jitter < 1) by which a wait may be shortened at random. */
        @WithDefault("0.2")
        double jitter();
    }

    interface Consumer {
        /** The most metric messages evaluated in one transaction (a batch is whatever waited meanwhile). */
        @WithDefault("100")
        int batchSize();

        /** Attempts at one metric message (e.g. while PostgreSQL is briefly away) before it is parked. */
        @WithDefault("3")
        int attempts();

        @WithDefault("200ms")
        Duration backoff();
    }

    interface Relay {
        /** How often unpublished transition events are looked for (also woken after an evaluation). */
        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("200")
        int batchSize();
    }

    interface Mail {
        /** The right-hand side of the Message-ID, {@code <notification-id.channel@domain>}. */
        @WithDefault("flowwatch.alert")
        String messageIdDomain();

        @WithDefault("[flowwatch]")
        String subjectPrefix();
    }

    interface Demo {
        /** The URL of channel {@code demo-webhook}; without it the demo installs no webhook channel. */
        Optional<String> webhookUrl();

        /** The secret of channel {@code demo-webhook} when it is created; generated if absent. */
        Optional<String> webhookSecret();

        /** The recipients of channel {@code demo-email}; without them the demo installs no e-mail channel. */
        Optional<List<String>> emailTo();
    }

    interface Inhibit {
        /** Matchers such as {@code severity=critical}, {@code asset=~BTC|ETH}. */
        List<String> source();

        List<String> target();

        Optional<List<String>> equal();
    }
}
