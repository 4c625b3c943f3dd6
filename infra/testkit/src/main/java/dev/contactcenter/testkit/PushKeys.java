package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Push credentials made with the JDK for tests: an APNs .p8 key and an FCM service-account JSON. */
public final class PushKeys {
    private static KeyPair ec;
    private static KeyPair rsa;

    private PushKeys() {}

    public static synchronized KeyPair ecP256() {
        if (ec == null) {
            ec = generate("EC", new ECGenParameterSpec("secp256r1"), 0);
        }
        return ec;
    }

    public static synchronized KeyPair rsa2048() {
        if (rsa == null) {
            rsa = generate("RSA", null, 2048);
        }
        return rsa;
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** An APNs token key as Apple hands it out: PKCS#8 EC P-256. */
    public static String p8Key() {
        return pem("PRIVATE KEY", ecP256().getPrivate().getEncoded());
    }

    public static ObjectNode apnsToken() {
        return Json.object()
                .put("p8_key", p8Key())
                .put("key_id", "ABC123DEFG")
                .put("team_id", "TEAM123456")
                .put("environment", "production");
    }

    /** A Firebase service-account key file as the console downloads it. */
    public static ObjectNode serviceAccount() {
        return Json.object()
                .put("type", "service_account")
                .put("project_id", "demo-app-12345")
                .put("private_key_id", "0123456789abcdef0123456789abcdef01234567")
                .put("private_key", pem("PRIVATE KEY", rsa2048().getPrivate().getEncoded()))
                .put("client_email", "firebase-adminsdk@demo-app-12345.iam.gserviceaccount.com")
                .put("client_id", "100000000000000000000")
                .put("token_uri", "https://oauth2.googleapis.com/token");
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
