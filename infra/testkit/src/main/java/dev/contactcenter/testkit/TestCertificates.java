package dev.contactcenter.testkit;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests and the local runtime's mock providers, made with BouncyCastle: one test CA
 * (standing in for Apple's WWDR CA and a TLS root) that issues APNs push certificates with chosen
 * subject and validity, and the localhost TLS certificate of the mock APNs server.
 */
public final class TestCertificates {
    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public String pem() {
            return TestCertificates.pem(certificate);
        }
    }

    private static Issued ca;

    private TestCertificates() {}

    public static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** The test CA, made once per JVM. */
    public static synchronized Issued ca() throws Exception {
        if (ca == null) {
            KeyPair keys = rsaKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "Test WWDR CA")
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(Instant.now().minus(Duration.ofDays(1))),
                            Date.from(Instant.now().plus(Duration.ofDays(3650))),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca = new Issued(sign(builder, keys), keys);
        }
        return ca;
    }

    /** A TLS server certificate for localhost and 127.0.0.1, issued by the test CA. */
    public static Issued localhostServer() throws Exception {
        KeyPair keys = rsaKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "localhost")
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        ca().certificate(),
                        serial(),
                        Date.from(Instant.now().minus(Duration.ofDays(1))),
                        Date.from(Instant.now().plus(Duration.ofDays(365))),
                        subject,
                        keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
        return new Issued(sign(builder, ca().keys()), keys);
    }

    /** Certificate PEM followed by the key PEM, as `openssl pkcs12 -nodes` writes a push certificate. */
    public static String pushCertificate(
            KeyPair keys, String uid, String cn, Instant notBefore, Instant notAfter, String password)
            throws Exception {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        if (uid != null) {
            subject.addRDN(BCStyle.UID, uid);
        }
        subject.addRDN(BCStyle.CN, cn).addRDN(BCStyle.OU, "TEAM123456").addRDN(BCStyle.C, "US");
        X509Certificate holder = sign(
                new JcaX509v3CertificateBuilder(
                        ca().certificate(),
                        serial(),
                        Date.from(notBefore),
                        Date.from(notAfter),
                        subject.build(),
                        keys.getPublic()),
                ca().keys());
        String key = password == null
                ? PushKeys.pem("PRIVATE KEY", keys.getPrivate().getEncoded())
                : PushKeys.pem(
                        "ENCRYPTED PRIVATE KEY",
                        new JcaPKCS8Generator(
                                        keys.getPrivate(),
                                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                                                .setPassword(password.toCharArray())
                                                .build())
                                .generate()
                                .getContent());
        return pem(holder) + key;
    }

    public static String validFor(KeyPair keys, String bundleId) throws Exception {
        return pushCertificate(
                keys,
                bundleId,
                "Apple Push Services: " + bundleId,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)),
                null);
    }

    public static String pem(X509Certificate certificate) {
        try {
            return PushKeys.pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(System.nanoTime());
    }
}
