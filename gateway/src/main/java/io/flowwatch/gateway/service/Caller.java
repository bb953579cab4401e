package io.flowwatch.gateway.service;

import java.util.Optional;

/**
 * Who is calling, however they proved it: an API key or a bearer token. Authorization (roles, rate limits)
 * looks only at this.
 *
 * @param rateLimitKey the bucket of the rate limiter: the key id, or the token's subject
 * @param description  how errors name the caller ("the key 'ci'", "the token of 'alice'")
 * @param role         the role granted; empty for a valid token whose groups map onto no role
 * @param credential   the header that carried the credential, named in error responses
 */
public record Caller(Object rateLimitKey, String description, Optional<Role> role, String credential) {

    public static Caller of(ApiKeyService.Principal key) {
        return new Caller(key.keyId(), "the key '" + key.name() + "'", Optional.of(key.role()), "X-API-Key");
    }

    public static Caller of(BearerTokenVerifier.Verified token) {
        return new Caller(new TokenSubject(token.subject()), "the token of '" + token.name() + "'", token.role(),
                "Authorization");
    }

    /** Keeps a token subject's bucket apart from any key id. */
    record TokenSubject(String subject) {}
}
