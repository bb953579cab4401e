package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "GET,/api/v1/flows/daily,READER",
        "GET,/api/v1/stream,READER",
        "GET,/api/v1/rules,READER",
        "POST,/api/v1/events,WRITER",
        "POST,/api/v1/imports,WRITER",
        "POST,/api/v1/rules,ADMIN",
        "PUT,/api/v1/rules/x,ADMIN",
        "DELETE,/api/v1/silences/x,ADMIN",
        "POST,/api/v1/channels,ADMIN",
        "GET,/api/v1/keys,ADMIN",
        "POST,/api/v1/replay,ADMIN",
        "GET,/api/v1/parked,ADMIN",
        "PUT,/api/v1/products/IBIT,ADMIN",
        "POST,/api/v1/unknown,ADMIN",
    })
    void apiCallsNeedTheirRole(String method, String path, Role role) {
        assertEquals(Optional.of(role), AccessPolicy.requiredRole(method, path));
    }

    @ParameterizedTest
    @CsvSource({"GET,/q/health", "GET,/q/openapi", "GET,/", "GET,/index.html", "GET,/q/metrics"})
    void publicPathsNeedNoKey(String method, String path) {
        assertTrue(AccessPolicy.requiredRole(method, path).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void rolesIncludeTheLowerOnes() {
        assertTrue(Role.ADMIN.includes(Role.WRITER));
        assertTrue(Role.WRITER.includes(Role.READER));
        assertFalse(Role.READER.includes(Role.WRITER));
        assertFalse(Role.WRITER.includes(Role.ADMIN));
    }
}
