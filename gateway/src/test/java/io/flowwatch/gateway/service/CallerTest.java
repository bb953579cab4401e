package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rate-limit buckets: one per key id, one per token subject, never shared between the two. */
class CallerTest {

    private static Caller token(String subject) {
        return Caller.of(new BearerTokenVerifier.Verified(subject, subject, Optional.of(Role.READER), List.of("reader")));
    }

    @Test
    void tokensOfOneSubjectShareABucket() {
        assertEquals(token("robot").rateLimitKey(), token("robot").rateLimitKey());
        assertNotEquals(token("robot").rateLimitKey(), token("other-robot").rateLimitKey());
    }

    @Test
    void aKeyAndATokenNeverShareABucket() {
        UUID id = UUID.fromString("6f1c1f4e-2c49-4d0b-9a36-0b8f7d2f3c11");
        Caller key = Caller.of(new ApiKeyService.Principal(id, "ci", Role.READER));
        assertEquals(id, key.rateLimitKey());
        assertNotEquals(key.rateLimitKey(), token(id.toString()).rateLimitKey());
        assertEquals("X-API-Key", key.credential());
        assertEquals("Authorization", token("robot").credential());
    }
}
