package io.flowwatch.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** The largest body of a push or an import (ingest's own limit; 413 beyond, before the body is read). */
    @WithDefault("16777216")
    long maxWriteBodyBytes();

    /** The largest body of any other call (rules, channels, keys, replays: small documents; 413 beyond). */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Bytes of request bodies received and forwarded at once; a body that does not fit beside them gets a 503 with a
     * Retry-After. The gateway holds each body in memory while it forwards it, and six concurrent 60 MB bodies ran its
     * 256 MiB heap out of memory.
     */
    @WithDefault("33554432")
    long maxBodyBytesInFlight();

    /** Optional OIDC/JWT bearer tokens, accepted beside API keys when enabled. */
    Jwt jwt();

    /** {@code flowwatch.gateway.jwt.*}: who may issue tokens, how to verify them, and which claim carries roles. */
    interface Jwt {

        /** Off by default: then a bearer token is refused with a 401 that says so. */
        @WithDefault("false")
        boolean enabled();

        /** The {@code iss} every token must carry (required when enabled). */
        Optional<String> issuer();

        /** URL of the issuer's JSON Web Key Set (fetched, cached and refreshed); or use public-key-location. */
        Optional<String> jwksUrl();

        /** A PEM public key, certificate or JWK(S): a file path, {@code file:} or {@code classpath:} location. */
        Optional<String> publicKeyLocation();

        /** When set, a token's {@code aud} must contain one of these. */
        Optional<Set<String>> audience();

        /** The claim holding the caller's groups; {@code /} separates a nested path (realm_access/roles). */
        @WithDefault("groups")
        String rolesClaim();

        /** Claim values that grant {@code reader}. */
        @WithDefault("reader")
        Set<String> readerGroups();

        /** Claim values that grant {@code writer}. */
        @WithDefault("writer")
        Set<String> writerGroups();

        /** Claim values that grant {@code admin}. */
        @WithDefault("admin")
        Set<String> adminGroups();

        /** Accepted signature algorithms (public-key ones: RS*, PS*, ES*, EdDSA). */
        @WithDefault("RS256")
        List<String> signatureAlgorithms();

        /** Tolerance for the clocks of the issuer and the gateway when checking exp, nbf and iat. */
        @WithDefault("60s")
        Duration clockSkew();

        /** How long a fetched key set is used before it is fetched again (an unknown kid forces a refetch). */
        @WithDefault("60m")
        Duration jwksRefreshInterval();
    }
}
