package dev.contactcenter.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesBasicCredentialsAndRefusesEverythingElse() {
        assertArrayEquals(
                new String[] {"ak_1", "s:e:c"},
                Authenticator.parseBasic("Basic " + b64("ak_1:s:e:c")).orElseThrow());
        assertArrayEquals(
                new String[] {"ak_1", "x"},
                Authenticator.parseBasic("basic  " + b64("ak_1:x")).orElseThrow());
        for (String bad : new String[] {
            null,
            "",
            "Basic",
            "Basic ",
            "Bearer " + b64("a:b"),
            "Basic %%%",
            "Basic " + b64("nocolon"),
            "Basic " + b64(":secret"),
            "Basic " + b64("key:"),
            "Basic " + "A".repeat(2000)
        }) {
            assertEquals(Optional.empty(), Authenticator.parseBasic(bad), String.valueOf(bad));
        }
    }

    @Test
    void hostNamesATenantOnlyAsASubdomainOfTheTenantDomain() {
        Authenticator auth = new Authenticator(null, null, null, "api.example.com");
        assertEquals(Optional.of("acme"), auth.tenantOfHost("acme.api.example.com"));
        assertEquals(Optional.of("acme"), auth.tenantOfHost("ACME.API.example.com:8443"));
        assertEquals(Optional.empty(), auth.tenantOfHost("api.example.com"));
        assertEquals(Optional.empty(), auth.tenantOfHost("a.b.api.example.com"));
        assertEquals(Optional.empty(), auth.tenantOfHost("evilapi.example.com"));
        assertEquals(Optional.empty(), new Authenticator(null, null, null, "").tenantOfHost("acme.api.example.com"));
    }

    @Test
    void secretsAreLongRandomAndHashedWithSalt() {
        String secret = KeySecrets.newSecret();
        assertTrue(secret.length() >= 46);
        byte[] salt = KeySecrets.newSalt();
        assertTrue(KeySecrets.matches(salt, KeySecrets.hash(salt, secret), secret));
        assertTrue(!KeySecrets.matches(KeySecrets.newSalt(), KeySecrets.hash(salt, secret), secret));
        assertTrue(KeySecrets.newKeyId().matches("ak_[a-z0-9]{20}"));
    }
}
