package dev.contactcenter.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void sign_standardWebhooksExample_matchesTheSpecsSignature() {
        // the example of the Standard Webhooks specification's reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String header =
                Signatures.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY, List.of(Signatures.key(secret)));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
        assertTrue(Signatures.verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", BODY, header, 1614265330L));
    }

    @Test
    void newSecret_isThePrefixAndBase64Of32Bytes() {
        String secret = Signatures.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertFalse(secret.equals(Signatures.newSecret()));
    }

    @Test
    void sign_twoSecrets_eachVerifiesAndAWrongOneDoesNot() {
        String current = Signatures.newSecret();
        String previous = Signatures.newSecret();
        String header =
                Signatures.sign("evt_1", 1700000000L, BODY, List.of(Signatures.key(current), Signatures.key(previous)));
        assertEquals(2, header.split(" ").length, header);
        assertTrue(Signatures.verify(current, "evt_1", "1700000000", BODY, header, 1700000000L));
        assertTrue(Signatures.verify(previous, "evt_1", "1700000000", BODY, header, 1700000000L));
        assertFalse(Signatures.verify(Signatures.newSecret(), "evt_1", "1700000000", BODY, header, 1700000000L));
    }

    @Test
    void verify_alteredBodyIdOrStaleTimestamp_fails() {
        String secret = Signatures.newSecret();
        String header = Signatures.sign("evt_1", 1700000000L, BODY, List.of(Signatures.key(secret)));
        assertFalse(Signatures.verify(secret, "evt_1", "1700000000", BODY + " ", header, 1700000000L));
        assertFalse(Signatures.verify(secret, "evt_2", "1700000000", BODY, header, 1700000000L));
        assertTrue(Signatures.verify(secret, "evt_1", "1700000000", BODY, header, 1700000000L + 300));
        assertFalse(Signatures.verify(secret, "evt_1", "1700000000", BODY, header, 1700000000L + 301));
    }
}
