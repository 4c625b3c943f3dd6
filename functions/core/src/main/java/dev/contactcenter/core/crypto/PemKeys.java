package dev.contactcenter.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM the way push providers hand it out: PKCS#8 private keys (plain or password-encrypted),
 * PKCS#1 RSA keys, X.509 certificates. Failures are {@link PemException}s with a message fit for the
 * admin, never echoing the input.
 */
public final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier of rsaEncryption with NULL parameters, for wrapping PKCS#1 into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    public static final class PemException extends Exception {
        public PemException(String message) {
            super(message, null, false, false);
        }
    }

    public record Block(String label, byte[] der) {}

    private PemKeys() {}

    public static List<Block> blocks(String pem) throws PemException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:")) {
                throw new PemException("The private key uses OpenSSL's legacy encryption; convert it to PKCS#8 "
                        + "(openssl pkcs8 -topk8) and give its password.");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new PemException("A PEM block (" + m.group(1) + ") is not valid base64.");
            }
        }
        if (blocks.isEmpty()) {
            throw new PemException("No PEM block (-----BEGIN ...-----) found.");
        }
        return blocks;
    }

    /** The one private key among the blocks, as PKCS#8 DER, decrypted with the password if it is encrypted. */
    public static byte[] privateKeyPkcs8(List<Block> blocks, char[] password) throws PemException {
        List<Block> keys =
                blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new PemException(
                    keys.isEmpty() ? "No private key block found." : "More than one private key block found.");
        }
        Block key = keys.get(0);
        return switch (key.label()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> rsaPkcs1ToPkcs8(key.der());
            case "ENCRYPTED PRIVATE KEY" -> decrypt(key.der(), password);
            default ->
                throw new PemException(
                        "Unsupported key format '" + key.label() + "'; convert it to PKCS#8 (openssl pkcs8 -topk8).");
        };
    }

    /** The key of the given algorithm ("EC", "RSA"), or a PemException saying it is not one. */
    public static PrivateKey privateKey(byte[] pkcs8, String algorithm) throws PemException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PemException("The private key is not a valid " + algorithm + " key in PKCS#8 form.");
        }
    }

    /** The first certificate among the blocks (the leaf, in the order certificate files are written). */
    public static X509Certificate certificate(List<Block> blocks) throws PemException {
        Block cert = blocks.stream()
                .filter(b -> b.label().equals("CERTIFICATE"))
                .findFirst()
                .orElseThrow(() -> new PemException("No certificate block (-----BEGIN CERTIFICATE-----) found."));
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert.der()));
        } catch (CertificateException e) {
            throw new PemException("The certificate does not parse as X.509.");
        }
    }

    /** SHA-256 of the bytes, hex pairs joined with ':' (how certificate fingerprints are shown). */
    public static String fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decrypt(byte[] der, char[] password) throws PemException {
        if (password == null || password.length == 0) {
            throw new PemException("The private key is encrypted: give its password.");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            // for PBES2 the parameters name the concrete scheme (e.g. PBEWithHmacSHA256AndAES_256)
            String scheme = params == null ? info.getAlgName() : params.toString();
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password)),
                    params);
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.io.IOException e) {
            throw new PemException("The encrypted private key does not parse.");
        } catch (GeneralSecurityException e) {
            throw new PemException(
                    "The password does not decrypt the private key (or its encryption scheme is unsupported).");
        }
    }

    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
