package io.flowwatch.gateway.client;

import java.util.Optional;

/** The services behind the gateway, and which public paths each one answers. */
public enum Backend {
    INGEST("ingest-service", "/api/v1/events", "/api/v1/imports", "/api/v1/products", "/api/v1/ingest"),
    ANALYTICS("analytics-service", "/api/v1/flows", "/api/v1/holdings", "/api/v1/quotes", "/api/v1/liquidations",
            "/api/v1/metrics"),
    ALERT("alert-service", "/api/v1/rules", "/api/v1/channels", "/api/v1/silences", "/api/v1/alerts");

    private final String serviceName;
    private final String[] prefixes;

    Backend(String serviceName, String... prefixes) {
        this.serviceName = serviceName;
        this.prefixes = prefixes;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The backend that answers a public path, if any. */
    public static Optional<Backend> forPath(String path) {
        for (Backend backend : values()) {
            for (String prefix : backend.prefixes) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(backend);
                }
            }
        }
        return Optional.empty();
    }
}
