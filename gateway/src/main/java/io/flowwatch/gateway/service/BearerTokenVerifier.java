package io.flowwatch.gateway.service;

import io.flowwatch.gateway.config.GatewayConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies OIDC/JWT bearer tokens with SmallRye JWT (signature, issuer, audience, expiry) and maps the groups
 * claim onto a {@link Role}. Plain Java: it may block (a JWKS URL is fetched and refreshed), so callers run it
 * off the event loop. Refusals carry a reason fit for the caller: never the token's contents.
 */
public class BearerTokenVerifier {

    private static final Logger LOG = Logger.getLogger(BearerTokenVerifier.class);
    /** Far above any real token; stops parsing work on junk. */
    static final int MAX_TOKEN_LENGTH = 16_384;

    /** What the gateway needs to verify tokens; {@link #from} checks the configuration. */
    public record Settings(String issuer, Optional<String> jwksUrl, Optional<String> publicKeyLocation,
            Set<String> audience, String rolesClaim, Map<Role, Set<String>> roleGroups,
            Set<SignatureAlgorithm> algorithms, Duration clockSkew, Duration jwksRefreshInterval) {

        public static Settings from(GatewayConfig.Jwt jwt) {
            String issuer = jwt.issuer().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "flowwatch.gateway.jwt.issuer (FLOWWATCH_JWT_ISSUER) is required when bearer tokens are enabled"));
            Optional<String> jwks = jwt.jwksUrl().filter(s -> !s.isBlank());
            Optional<String> pem = jwt.publicKeyLocation().filter(s -> !s.isBlank());
            if (jwks.isPresent() == pem.isPresent()) {
                throw new IllegalStateException("bearer tokens need exactly one of flowwatch.gateway.jwt.jwks-url "
                        + "(FLOWWATCH_JWT_JWKS_URL) and flowwatch.gateway.jwt.public-key-location "
                        + "(FLOWWATCH_JWT_PUBLIC_KEY_LOCATION)");
            }
            if (jwks.isPresent() && !jwks.get().startsWith("https://") && !jwks.get().startsWith("http://")) {
                throw new IllegalStateException("flowwatch.gateway.jwt.jwks-url must be an http(s) URL: " + jwks.get());
            }
            Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
            for (String name : jwt.signatureAlgorithms()) {
                SignatureAlgorithm algorithm;
                try {
                    algorithm = SignatureAlgorithm.fromAlgorithm(name.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("flowwatch.gateway.jwt.signature-algorithms: unknown '" + name + "'");
                }
                if (algorithm.getAlgorithm().startsWith("HS")) {
                    // Shared secrets would let anyone who verifies tokens also mint them.
                    throw new IllegalStateException("flowwatch.gateway.jwt.signature-algorithms: " + name
                            + " is a shared-secret algorithm; use RS*, PS*, ES* or EdDSA");
                }
                algorithms.add(algorithm);
            }
            Map<Role, Set<String>> groups = new EnumMap<>(Role.class);
            groups.put(Role.READER, Set.copyOf(jwt.readerGroups()));
            groups.put(Role.WRITER, Set.copyOf(jwt.writerGroups()));
            groups.put(Role.ADMIN, Set.copyOf(jwt.adminGroups()));
            return new Settings(issuer, jwks, pem, jwt.audience().map(Set::copyOf).orElse(Set.of()),
                    jwt.rolesClaim(), groups, algorithms, jwt.clockSkew(), jwt.jwksRefreshInterval());
        }
    }

    /** The result of checking one token. */
    public sealed interface Outcome {}

    /** A valid token; {@code role} is empty when its groups map onto none of the roles. */
    public record Verified(String subject, String name, Optional<Role> role, List<String> groups) implements Outcome {}

    /** A refused token, with the reason to tell the caller. */
    public record Refused(String reason) implements Outcome {}

    private final Settings settings;
    private final DefaultJWTParser parser;
    private final Set<String> algorithmNames = new LinkedHashSet<>();

    public BearerTokenVerifier(Settings settings) {
        this.settings = settings;
        JWTAuthContextInfo info = new JWTAuthContextInfo(
                settings.jwksUrl().orElseGet(() -> settings.publicKeyLocation().orElseThrow()), settings.issuer());
        info.setExpectedAudience(settings.audience().isEmpty() ? null : settings.audience());
        info.setGroupsPath(settings.rolesClaim());
        info.setSignatureAlgorithm(settings.algorithms());
        info.setClockSkew((int) settings.clockSkew().toSeconds());
        info.setJwksRefreshInterval((int) Math.max(1, settings.jwksRefreshInterval().toMinutes()));
        info.setRelaxVerificationKeyValidation(false);
        // One parser for the gateway's life: it caches the key (and the fetched key set) between calls.
        this.parser = new DefaultJWTParser(info);
        settings.algorithms().forEach(a -> algorithmNames.add(a.getAlgorithm()));
    }

    public Outcome verify(String token) {
        if (token == null || token.isBlank()) {
            return new Refused("the bearer token is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Refused("the bearer token is malformed (longer than " + MAX_TOKEN_LENGTH + " characters)");
        }
        // Read the header first so that an unsigned or wrongly signed token gets a reason of its own.
        JsonWebStructure structure;
        try {
            structure = JsonWebStructure.fromCompactSerialization(token);
        } catch (JoseException e) {
            return new Refused("the bearer token is malformed (not a compact JWS: header.payload.signature)");
        }
        if (structure instanceof JsonWebEncryption) {
            return new Refused("the bearer token is encrypted (JWE); only signed tokens (JWS) are accepted");
        }
        String alg = structure.getAlgorithmHeaderValue();
        if (alg == null) {
            return new Refused("the bearer token is malformed (its header has no alg)");
        }
        if ("none".equalsIgnoreCase(alg)) {
            return new Refused("the bearer token is unsigned (alg none); tokens must be signed");
        }
        if (!algorithmNames.contains(alg)) {
            return new Refused("the bearer token's signature algorithm " + alg + " is not accepted (accepted: "
                    + String.join(", ", algorithmNames) + ")");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            return new Refused(reason(e));
        } catch (RuntimeException e) {
            // Whatever else the library throws on a hostile token is still the token's fault, not a 500.
            LOG.warnf("bearer token refused: %s", e.toString());
            return new Refused("the bearer token is not valid");
        }
        List<String> groups = new ArrayList<>(jwt.getGroups() == null ? Set.of() : jwt.getGroups());
        Optional<Role> role = Optional.empty();
        for (Role candidate : Role.values()) {
            if (groups.stream().anyMatch(settings.roleGroups().get(candidate)::contains)) {
                role = Optional.of(candidate);
            }
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        return new Verified(subject, jwt.getName() != null ? jwt.getName() : subject, role, List.copyOf(groups));
    }

    /** The first reason the library found, in words; the rest goes to the debug log only. */
    private String reason(ParseException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                String known = reason(invalid);
                if (known != null) {
                    return known;
                }
            } else if (cause instanceof UnresolvableKeyException) {
                LOG.warnf("bearer token refused: no verification key (%s)", cause.getMessage());
                return "no verification key matches the bearer token (unknown key id, or the issuer's keys cannot "
                        + "be loaded)";
            } else if (cause instanceof InvalidAlgorithmException) {
                return "the bearer token's signature algorithm is not accepted";
            }
        }
        LOG.debugf(e, "bearer token refused");
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Issued At") || message.contains("'iat'")) {
            return "the bearer token's iat and exp claims are inconsistent";
        }
        return "the bearer token is not valid";
    }

    private String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the bearer token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "the bearer token's signature does not verify";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the bearer token is unsigned; tokens must be signed";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "the bearer token's issuer (iss) is not the configured issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the bearer token's audience (aud) does not include " + String.join(" or ", settings.audience());
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "the bearer token is not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "the bearer token has no expiry (exp)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "the bearer token has no issue time (iat)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "the bearer token's issue time (iat) is in the future";
        }
        if (e.hasErrorCode(ErrorCodes.JSON_INVALID) || e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
            return "the bearer token is malformed (its claims are not valid JSON of the expected types)";
        }
        if (e.getMessage() != null && e.getMessage().contains("No claim exists in sub, upn or preferred_username")) {
            return "the bearer token names no subject (sub, upn or preferred_username)";
        }
        return null;
    }
}
