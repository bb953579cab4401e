package io.flowwatch.events.messaging;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/** What the relays ask before they publish: is an outgoing channel's broker connection up. */
public final class ChannelReadiness {

    private ChannelReadiness() {}

    /**
     * Whether the channel's connection to the broker is up, as the connector's readiness reports it (a channel that
     * never connected counts as up: its first publish connects it).
     */
    public static boolean connected(HealthCenter health, String channel) {
        HealthReport readiness = health.getReadiness();
        return readiness.getChannels().stream()
                .filter(info -> channel.equals(info.getChannel()))
                .allMatch(HealthReport.ChannelInfo::isOk);
    }
}
