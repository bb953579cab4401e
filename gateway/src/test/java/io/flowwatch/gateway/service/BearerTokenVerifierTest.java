package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token verification without Quarkus: each way a token can be bad, and how groups become roles. */
class BearerTokenVerifierTest {

    /** The configuration interface, filled in by hand. */
    record JwtConfig(boolean enabled, Optional<String> issuer, Optional<String> jwksUrl,
            Optional<String> publicKeyLocation, Optional<Set<String>> audience, String rolesClaim,
            Set<String> readerGroups, Set<String> writerGroups, Set<String> adminGroups,
            List<String> signatureAlgorithms, Duration clockSkew, Duration jwksRefreshInterval)
            implements GatewayConfig.Jwt {

        static JwtConfig withPem(Path pem) {
            return new JwtConfig(true, Optional.of(TestTokens.ISSUER), Optional.empty(), Optional.of(pem.toString()),
                    Optional.of(Set.of(TestTokens.AUDIENCE)), "groups", Set.of("reader"), Set.of("writer"),
                    Set.of("admin"), List.of("RS256"), Duration.ofSeconds(60), Duration.ofMinutes(60));
        }
    }

    static TestTokens tokens;
    static Path pem;
    static BearerTokenVerifier verifier;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        tokens = new TestTokens();
        pem = tokens.writePublicKeyPem(dir.resolve("issuer-public-key.pem"));
        verifier = new BearerTokenVerifier(BearerTokenVerifier.Settings.from(JwtConfig.withPem(pem)));
    }

    private static String refusal(String token) {
        return assertInstanceOf(BearerTokenVerifier.Refused.class, verifier.verify(token)).reason();
    }

    @Test
    void aValidTokenGivesItsSubjectAndHighestRole() {
        var verified = assertInstanceOf(BearerTokenVerifier.Verified.class,
                verifier.verify(tokens.token("alice", "reader", "writer", "unrelated")));
        assertEquals("alice", verified.subject());
        assertEquals(Optional.of(Role.WRITER), verified.role());
    }

    @Test
    void aValidTokenWithoutAMappedGroupHasNoRole() {
        var verified = assertInstanceOf(BearerTokenVerifier.Verified.class,
                verifier.verify(tokens.token("bob", "marketing")));
        assertEquals(Optional.empty(), verified.role());
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        String token = tokens.sign(tokens.claims("alice", "admin").issuedAt(past).expiresAt(past.plusSeconds(300)));
        assertEquals("the bearer token has expired", refusal(token));
    }

    @Test
    void wrongIssuerIsRefused() {
        String token = tokens.sign(tokens.claims("alice", "admin").issuer("https://evil.example/"));
        assertTrue(refusal(token).contains("issuer"), refusal(token));
    }

    @Test
    void wrongOrMissingAudienceIsRefused() {
        String other = tokens.sign(tokens.claims("alice", "admin").audience("another-api"));
        assertTrue(refusal(other).contains("audience"), refusal(other));
        String none = tokens.sign(tokens.claims("alice", "admin").remove("aud"));
        assertTrue(refusal(none).contains("audience"), refusal(none));
    }

    @Test
    void badSignatureIsRefused() {
        String stranger = tokens.signedByStranger(tokens.claims("alice", "admin"));
        assertEquals("the bearer token's signature does not verify", refusal(stranger));
        // A genuine token's signature on other claims (e.g. a role raised by hand).
        String forged = tokens.withForeignSignature(tokens.token("alice", "admin"), tokens.token("alice", "reader"));
        assertEquals("the bearer token's signature does not verify", refusal(forged));
    }

    @Test
    void unsignedTokenIsRefused() {
        assertTrue(refusal(tokens.unsigned(tokens.claims("alice", "admin"))).contains("alg none"));
    }

    @Test
    void sharedSecretAlgorithmIsRefused() {
        String hs256 = tokens.claims("alice", "admin").signWithSecret("a-secret-long-enough-for-hmac-sha-256!!");
        assertTrue(refusal(hs256).contains("HS256 is not accepted"), refusal(hs256));
    }

    @Test
    void malformedTokensAreRefused() {
        for (String junk : List.of("not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "x".repeat(20_000), " ")) {
            String reason = refusal(junk);
            assertTrue(reason.contains("malformed") || reason.contains("empty"), junk + ": " + reason);
        }
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token = tokens.signExactly("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE
                + "\",\"sub\":\"alice\",\"groups\":[\"admin\"],\"iat\":" + now + "}");
        assertEquals("the bearer token has no expiry (exp)", refusal(token));
    }

    @Test
    void groupsMayComeFromANestedClaimAndCustomNames() throws Exception {
        JwtConfig base = JwtConfig.withPem(pem);
        var keycloakLike = new BearerTokenVerifier(BearerTokenVerifier.Settings.from(new JwtConfig(true, base.issuer(),
                Optional.empty(), base.publicKeyLocation(), Optional.empty(), "realm_access/roles",
                Set.of("fw-read"), Set.of("fw-push"), Set.of("fw-ops"), List.of("RS256"), base.clockSkew(),
                base.jwksRefreshInterval())));
        String token = tokens.sign(tokens.claims("carol").remove("groups")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "fw-ops"))));
        var verified = assertInstanceOf(BearerTokenVerifier.Verified.class, keycloakLike.verify(token));
        assertEquals(Optional.of(Role.ADMIN), verified.role());
    }

    @Test
    void incompleteConfigurationStopsTheGateway() {
        JwtConfig ok = JwtConfig.withPem(pem);
        assertThrows(IllegalStateException.class, () -> BearerTokenVerifier.Settings.from(new JwtConfig(true,
                Optional.empty(), ok.jwksUrl(), ok.publicKeyLocation(), ok.audience(), ok.rolesClaim(),
                ok.readerGroups(), ok.writerGroups(), ok.adminGroups(), ok.signatureAlgorithms(), ok.clockSkew(),
                ok.jwksRefreshInterval())), "no issuer");
        assertThrows(IllegalStateException.class, () -> BearerTokenVerifier.Settings.from(new JwtConfig(true,
                ok.issuer(), Optional.of("https://idp/jwks"), ok.publicKeyLocation(), ok.audience(), ok.rolesClaim(),
                ok.readerGroups(), ok.writerGroups(), ok.adminGroups(), ok.signatureAlgorithms(), ok.clockSkew(),
                ok.jwksRefreshInterval())), "two key sources");
        assertThrows(IllegalStateException.class, () -> BearerTokenVerifier.Settings.from(new JwtConfig(true,
                ok.issuer(), Optional.empty(), Optional.empty(), ok.audience(), ok.rolesClaim(),
                ok.readerGroups(), ok.writerGroups(), ok.adminGroups(), ok.signatureAlgorithms(), ok.clockSkew(),
                ok.jwksRefreshInterval())), "no key source");
        assertThrows(IllegalStateException.class, () -> BearerTokenVerifier.Settings.from(new JwtConfig(true,
                ok.issuer(), ok.jwksUrl(), ok.publicKeyLocation(), ok.audience(), ok.rolesClaim(),
                ok.readerGroups(), ok.writerGroups(), ok.adminGroups(), List.of("HS256"), ok.clockSkew(),
                ok.jwksRefreshInterval())), "shared-secret algorithm");
    }
}
