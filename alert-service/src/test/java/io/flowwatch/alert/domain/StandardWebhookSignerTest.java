package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    // The test vector published with the Standard Webhooks reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant THEN = Instant.ofEpochSecond(TIMESTAMP);

    private final StandardWebhookSigner signer = new StandardWebhookSigner(SECRET);

    @Test
    void reproducesThePublishedExample() {
        assertEquals(SIGNATURE, signer.sign(ID, TIMESTAMP, BODY));
        assertEquals(SIGNATURE, new StandardWebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void matchesAnIndependentHmacComputation() throws Exception {
        String secret = StandardWebhookSigner.newSecret(new SecureRandom());
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal("n-1.1769720400.{\"alert\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, new StandardWebhookSigner(secret).sign("n-1", 1769720400L, "{\"alert\":\"é\"}"));
    }

    @Test
    void verifiesItsOwnSignatureAndTheHeaders() {
        var headers = signer.headers(ID, TIMESTAMP, BODY);
        assertEquals(ID, headers.get("webhook-id"));
        assertEquals("1614265330", headers.get("webhook-timestamp"));
        assertTrue(signer.verify(ID, TIMESTAMP, BODY, headers.get("webhook-signature"), THEN));
    }

    @Test
    void rejectsATamperedBodyIdOrTimestamp() {
        assertFalse(signer.verify(ID, TIMESTAMP, "{\"test\": 2432232315}", SIGNATURE, THEN));
        assertFalse(signer.verify("msg_other", TIMESTAMP, BODY, SIGNATURE, THEN));
        assertFalse(signer.verify(ID, TIMESTAMP + 1, BODY, SIGNATURE, THEN));
        assertFalse(new StandardWebhookSigner("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))
                .verify(ID, TIMESTAMP, BODY, SIGNATURE, THEN), "another secret");
    }

    @Test
    void rejectsTimestampsOutsideFiveMinutes() {
        assertTrue(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE, THEN.plusSeconds(300)));
        assertFalse(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE, THEN.plusSeconds(301)));
        assertTrue(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE, THEN.minusSeconds(300)));
        assertFalse(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE, THEN.minusSeconds(301)));
    }

    @Test
    void acceptsAnyOfSeveralSignaturesButOnlyVersionOne() {
        assertTrue(signer.verify(ID, TIMESTAMP, BODY, "v1,bm9wZQ== " + SIGNATURE, THEN));
        assertTrue(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE + " v1a,c29tZXRoaW5n", THEN));
        assertFalse(signer.verify(ID, TIMESTAMP, BODY, "v1,bm9wZQ== v2,xyz", THEN));
        assertFalse(signer.verify(ID, TIMESTAMP, BODY, SIGNATURE.replace("v1,", "v2,"), THEN));
        assertFalse(signer.verify(ID, TIMESTAMP, BODY, null, THEN));
    }
}
