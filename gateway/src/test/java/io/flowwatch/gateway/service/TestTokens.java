package io.flowwatch.gateway.service;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * A test-only identity provider: an RSA key pair made fresh for each test run (nothing is committed), and
 * tokens signed with it the way an OIDC provider would sign them.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.flowwatch/realms/test";
    public static final String AUDIENCE = "flowwatch-api";
    public static final String KEY_ID = "test-key-1";

    private final KeyPair keys = newKeyPair();
    private final KeyPair strangerKeys = newKeyPair();

    /** Claims of a token that the gateway accepts: right issuer and audience, valid for five minutes. */
    public JwtClaimsBuilder claims(String subject, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(groups))
                .issuedAt(now).expiresAt(now.plusSeconds(300));
    }

    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(keys.getPrivate());
    }

    public String token(String subject, String... groups) {
        return sign(claims(subject, groups));
    }

    /** Signed by a key the gateway does not know, under the same key id. */
    public String signedByStranger(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(strangerKeys.getPrivate());
    }

    /** Exactly these claims, signed by the issuer's key (the builder would add a missing exp or iat). */
    public String signExactly(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setKey(keys.getPrivate());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    public String unsigned(JwtClaimsBuilder claims) {
        String signed = sign(claims);
        String payload = new String(Base64.getUrlDecoder().decode(signed.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid token with its signature cut off and replaced by another token's. */
    public String withForeignSignature(String token, String other) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "." + other.split("\\.")[2];
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public Path writePublicKeyPem(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, publicKeyPem());
    }

    /** The public key as an OIDC provider publishes it at its jwks_uri. */
    public String jwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setKeyId(KEY_ID);
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return new JsonWebKeySet(jwk).toJson();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
