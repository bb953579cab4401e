package io.flowwatch.gateway.service;

import java.util.Optional;

/**
 * Which role a call needs. Reading needs {@code reader}; pushing data needs {@code writer}; configuring
 * alerts, keys, replays and parked messages needs {@code admin}. Health, metrics, the OpenAPI document and
 * the dashboard's static files need no key.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** Empty when the path is public. */
    public static Optional<Role> requiredRole(String method, String path) {
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (p.startsWith("/api/v1/keys") || p.startsWith("/api/v1/replay") || p.startsWith("/api/v1/parked")
                || p.startsWith("/api/v1/aggregates")) {
            return Optional.of(Role.ADMIN);
        }
        if (p.startsWith("/api/v1/rules") || p.startsWith("/api/v1/channels") || p.startsWith("/api/v1/silences")) {
            return Optional.of(read ? Role.READER : Role.ADMIN);
        }
        if (p.startsWith("/api/v1/events") || p.startsWith("/api/v1/imports")) {
            return Optional.of(read ? Role.READER : Role.WRITER);
        }
        if (p.startsWith("/api/v1/products")) {
            return Optional.of(read ? Role.READER : Role.ADMIN);
        }
        return Optional.of(read ? Role.READER : Role.ADMIN);
    }
}
