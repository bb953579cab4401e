package io.flowwatch.alert.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook bodies per the Standard Webhooks specification: the signed content is
 * {@code id.timestamp.body}, the MAC is HMAC-SHA256 with the base64-decoded part of the {@code whsec_…} secret,
 * and header {@code webhook-signature} carries {@code v1,<base64 MAC>} (several, space-separated, while a secret
 * is being rotated).
 */
public final class StandardWebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    /** How far a webhook's timestamp may be from the receiver's clock, against replays. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /** @param secret {@code whsec_<base64>}; a bare base64 key is accepted too, as the reference libraries do */
    public StandardWebhookSigner(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
    }

    /** A fresh secret of 32 random bytes, as {@code whsec_<base64>}. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The value of the {@code webhook-signature} header: {@code v1,<base64>}. */
    public String sign(String id, long timestampSeconds, String body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(id + "." + timestampSeconds + "." + body));
    }

    /** The three headers of a webhook request: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
    public Map<String, String> headers(String id, long timestampSeconds, String body) {
        return Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestampSeconds),
                "webhook-signature", sign(id, timestampSeconds, body));
    }

    /**
     * Whether one of the signatures in the header is ours for this content and the timestamp lies within
     * {@link #TOLERANCE} of {@code now}. Signatures of other versions are skipped; comparison is constant-time.
     */
    public boolean verify(String id, long timestampSeconds, String body, String signatureHeader, Instant now) {
        if (signatureHeader == null || Math.abs(now.getEpochSecond() - timestampSeconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = sign(id, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            // no early exit: how many candidates were tried must not depend on which one matched
            match |= candidate.startsWith(VERSION + ",")
                    && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private byte[] mac(String content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
