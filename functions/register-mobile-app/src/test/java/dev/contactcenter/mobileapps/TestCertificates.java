package dev.contactcenter.mobileapps;

import dev.contactcenter.testkit.PushKeys;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** APNs push certificates with chosen subject and validity, made with BouncyCastle (test scope only). */
final class TestCertificates {
    private TestCertificates() {
    }

    static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** Certificate PEM followed by the key PEM, as `openssl pkcs12 -nodes` writes a push certificate. */
    static String pushCertificate(KeyPair keys, String uid, String cn, Instant notBefore, Instant notAfter, String password) throws Exception {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        if (uid != null) {
            subject.addRDN(BCStyle.UID, uid);
        }
        subject.addRDN(BCStyle.CN, cn).addRDN(BCStyle.OU, "TEAM123456").addRDN(BCStyle.C, "US");
        var issuer = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Test WWDR CA").build();
        var holder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                Date.from(notAfter), subject.build(), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        String key = password == null
                ? PushKeys.pem("PRIVATE KEY", keys.getPrivate().getEncoded())
                : PushKeys.pem("ENCRYPTED PRIVATE KEY", new JcaPKCS8Generator(keys.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password.toCharArray()).build())
                .generate().getContent());
        return PushKeys.pem("CERTIFICATE", holder.getEncoded()) + key;
    }

    static String validFor(KeyPair keys, String bundleId) throws Exception {
        return pushCertificate(keys, bundleId, "Apple Push Services: " + bundleId,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), null);
    }
}
