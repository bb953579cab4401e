package io.flowwatch.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's settings ({@code flowwatch.gateway.*}). */
@ConfigMapping(prefix = "flowwatch.gateway")
public interface GatewayConfig {

    /** Base URL of ingest-service. */
    String ingestUrl();

    /** Base URL of analytics-service. */
    String analyticsUrl();

    /** Base URL of alert-service. */
    String alertUrl();

    /** How long one backend call may take before the caller gets a 504 problem. */
    @WithDefault("15s")
    Duration backendTimeout();

    /** Longer limit for file imports and replays, which do real work before answering. */
    @WithDefault("120s")
    Duration longBackendTimeout();

    /** Extra attempts for idempotent (GET) backend calls that failed to connect. */
    @WithDefault("2")
    int idempotentRetries();

    /** Where the first admin key is written (mode 0600) when the key table is empty. */
    String adminKeyFile();

    /** Requests per second allowed per API key (token bucket refill rate). */
    @WithDefault("200")
    int rateLimitPerSecond();

    /** Requests a key may burst above its rate. */
    @WithDefault("400")
    int rateLimitBurst();
}
