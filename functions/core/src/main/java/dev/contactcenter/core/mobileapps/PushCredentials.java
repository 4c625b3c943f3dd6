package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.crypto.PemKeys;
import dev.contactcenter.core.crypto.PemKeys.PemException;
import dev.contactcenter.core.http.Fields;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Validates push credentials as admins paste them, before anything is stored: keys must parse,
 * certificates must be current and issued for the app's bundle id. Errors name the offending field
 * (push.apns.p8_key, ...) and never echo key material.
 */
final class PushCredentials {
    /** A validated credential and the secret to seal for it (sealing needs the app's id, known later). */
    record Parsed<C>(C credential, byte[] secret) {}

    static final List<String> ENVIRONMENTS = List.of("sandbox", "production");
    private static final Set<String> APNS_FIELDS =
            Set.of("p8_key", "key_id", "team_id", "certificate_pem", "password", "environment");
    private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");
    private static final Pattern PUSH_CN =
            Pattern.compile("Apple (?:Development |Production )?(?:iOS |IOS )?Push Services: (.+)");
    private static final String UID_OID = "0.9.2342.19200300.100.1.1";
    private static final int MAX_PEM = 20_000;
    private static final String LEGACY_FCM = "The legacy FCM server-key API was shut down in July 2024: create a "
            + "service account in the Firebase console (Project settings > Service accounts) and give its JSON key "
            + "(type, project_id, client_email, private_key) for the HTTP v1 API.";

    private PushCredentials() {}

    static Optional<Parsed<ApnsCredential>> apns(Fields f, JsonNode node, String bundleId, Instant now) {
        String p = "push.apns";
        if (!(node instanceof ObjectNode o)) {
            f.error(
                    p,
                    "'" + p
                            + "' must be an object: {p8_key, key_id, team_id, environment} or {certificate_pem, password, environment}.");
            return Optional.empty();
        }
        if (!unknownFields(f, p, o, APNS_FIELDS)) {
            return Optional.empty();
        }
        String environment = text(f, o, p, "environment", 20);
        if (environment != null && !ENVIRONMENTS.contains(environment)) {
            f.error(p + ".environment", "'" + p + ".environment' must be one of: sandbox, production.");
        } else if (environment == null && !o.hasNonNull("environment")) {
            f.error(p + ".environment", "'" + p + ".environment' is required: sandbox or production.");
        }
        boolean token = o.has("p8_key");
        boolean certificate = o.has("certificate_pem");
        if (token == certificate) {
            f.error(
                    p,
                    "Give either a token key (p8_key, key_id, team_id) or a certificate (certificate_pem, optional password), not "
                            + (token ? "both." : "neither."));
            return Optional.empty();
        }
        return token ? apnsToken(f, o, p, environment) : apnsCertificate(f, o, p, environment, bundleId, now);
    }

    private static Optional<Parsed<ApnsCredential>> apnsToken(Fields f, ObjectNode o, String p, String environment) {
        if (o.has("certificate_pem") || o.has("password")) {
            f.error(p + ".password", "'password' belongs to a certificate, not a .p8 key.");
        }
        String keyId = appleId(f, o, p, "key_id");
        String teamId = appleId(f, o, p, "team_id");
        String pem = text(f, o, p, "p8_key", MAX_PEM);
        if (pem == null) {
            return Optional.empty();
        }
        byte[] pkcs8;
        try {
            pkcs8 = PemKeys.privateKeyPkcs8(PemKeys.blocks(pem), null);
            PrivateKey key = PemKeys.privateKey(pkcs8, "EC");
            if (((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() != 256) {
                throw new PemException("An APNs key is an EC key on P-256.");
            }
        } catch (PemException e) {
            f.error(p + ".p8_key", "'" + p + ".p8_key' is not a usable APNs .p8 key: " + e.getMessage());
            return Optional.empty();
        }
        if (keyId == null || teamId == null || environment == null) {
            return Optional.empty();
        }
        ObjectNode secret = Json.object()
                .put("kind", ApnsCredential.TOKEN)
                .put("private_key_pkcs8", Base64.getEncoder().encodeToString(pkcs8));
        return Optional.of(new Parsed<>(
                new ApnsCredential(
                        ApnsCredential.TOKEN, keyId, teamId, environment, null, null, PemKeys.fingerprint(pkcs8), null),
                bytes(secret)));
    }

    private static Optional<Parsed<ApnsCredential>> apnsCertificate(
            Fields f, ObjectNode o, String p, String environment, String bundleId, Instant now) {
        if (o.has("key_id") || o.has("team_id")) {
            f.error(
                    p + (o.has("key_id") ? ".key_id" : ".team_id"),
                    "'key_id' and 'team_id' belong to a .p8 token key, not a certificate.");
        }
        String pem = text(f, o, p, "certificate_pem", MAX_PEM);
        String password = o.has("password") ? text(f, o, p, "password", 200) : null;
        if (pem == null) {
            return Optional.empty();
        }
        String field = p + ".certificate_pem";
        X509Certificate cert;
        byte[] pkcs8;
        try {
            List<PemKeys.Block> blocks = PemKeys.blocks(pem);
            cert = PemKeys.certificate(blocks);
            pkcs8 = PemKeys.privateKeyPkcs8(blocks, password == null ? null : password.toCharArray());
            PrivateKey key = PemKeys.privateKey(pkcs8, cert.getPublicKey().getAlgorithm());
            if (!matches(key, cert)) {
                throw new PemException("The private key does not belong to the certificate.");
            }
        } catch (PemException e) {
            f.error(
                    e.getMessage().contains("password") ? p + ".password" : field,
                    "'" + field + "' is not a usable APNs certificate: " + e.getMessage());
            return Optional.empty();
        }
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            f.error(field, "The APNs certificate expired at " + notAfter + "; renew it in the Apple Developer portal.");
        } else if (now.isBefore(cert.getNotBefore().toInstant())) {
            f.error(
                    field,
                    "The APNs certificate is not valid before "
                            + cert.getNotBefore().toInstant() + ".");
        }
        Optional<String> topic = topic(cert.getSubjectX500Principal());
        if (topic.isEmpty()) {
            f.error(
                    field,
                    "The certificate names no APNs topic (subject UID or CN 'Apple Push Services: <bundle id>'): is it a push certificate?");
        } else if (bundleId != null && !topic.get().equalsIgnoreCase(bundleId)) {
            f.error(
                    field,
                    "The certificate's topic '" + topic.get() + "' is not the app's bundle id '" + bundleId + "'.");
        }
        if (!f.valid() || environment == null) {
            return Optional.empty();
        }
        byte[] certDer;
        try {
            certDer = cert.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode secret = Json.object()
                .put("kind", ApnsCredential.CERTIFICATE)
                .put("certificate_der", Base64.getEncoder().encodeToString(certDer))
                .put("private_key_pkcs8", Base64.getEncoder().encodeToString(pkcs8));
        return Optional.of(new Parsed<>(
                new ApnsCredential(
                        ApnsCredential.CERTIFICATE,
                        null,
                        null,
                        environment,
                        topic.get(),
                        notAfter,
                        PemKeys.fingerprint(certDer),
                        null),
                bytes(secret)));
    }

    static Optional<Parsed<FcmCredential>> fcm(Fields f, JsonNode node) {
        String p = "push.fcm";
        JsonNode account = node;
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (!text.startsWith("{")) {
                f.error(p, LEGACY_FCM);
                return Optional.empty();
            }
            try {
                account = Json.parse(text);
            } catch (JacksonException e) {
                f.error(p, "'" + p + "' is not valid service-account JSON.");
                return Optional.empty();
            }
        }
        if (!(account instanceof ObjectNode o)) {
            f.error(
                    p,
                    "'" + p + "' must be a service-account JSON object (type, project_id, client_email, private_key).");
            return Optional.empty();
        }
        if (o.has("server_key") || o.has("legacy_server_key") || o.has("api_key")) {
            f.error(p, LEGACY_FCM);
            return Optional.empty();
        }
        if (!"service_account".equals(o.path("type").asText(null))) {
            f.error(
                    p + ".type",
                    "'" + p + ".type' must be 'service_account' (the HTTP v1 API needs a service account key).");
        }
        String projectId = text(f, o, p, "project_id", 100);
        String clientEmail = text(f, o, p, "client_email", 320);
        if (clientEmail != null && !clientEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            f.error(p + ".client_email", "'" + p + ".client_email' must be the service account's e-mail address.");
        }
        String privateKeyId =
                o.path("private_key_id").isTextual() ? o.get("private_key_id").textValue() : null;
        String pem = text(f, o, p, "private_key", MAX_PEM);
        if (pem == null) {
            return Optional.empty();
        }
        byte[] pkcs8;
        try {
            pkcs8 = PemKeys.privateKeyPkcs8(PemKeys.blocks(pem), null);
            PemKeys.privateKey(pkcs8, "RSA");
        } catch (PemException e) {
            f.error(
                    p + ".private_key",
                    "'" + p + ".private_key' is not a usable service-account key: " + e.getMessage());
            return Optional.empty();
        }
        if (!f.valid()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed<>(
                new FcmCredential(projectId, clientEmail, privateKeyId, PemKeys.fingerprint(pkcs8), null), bytes(o)));
    }

    /** The APNs topic a push certificate is issued for: the subject's UID, else the bundle id in its CN. */
    static Optional<String> topic(X500Principal subject) {
        try {
            LdapName name = new LdapName(subject.getName(X500Principal.RFC2253, java.util.Map.of(UID_OID, "UID")));
            String cnTopic = null;
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("UID") && rdn.getValue() instanceof String uid) {
                    return Optional.of(uid);
                }
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
                    Matcher m = PUSH_CN.matcher(cn);
                    if (m.matches()) {
                        cnTopic = m.group(1).strip();
                    }
                }
            }
            return Optional.ofNullable(cnTopic);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "apns-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String appleId(Fields f, ObjectNode o, String p, String name) {
        String value = text(f, o, p, name, 10);
        if (value != null && !APPLE_ID.matcher(value).matches()) {
            f.error(
                    p + "." + name,
                    "'" + p + "." + name + "' is the 10-character id from the Apple Developer portal (A-Z, 0-9).");
            return null;
        }
        return value;
    }

    /** A required non-blank string member of a nested object; errors carry the full path. */
    private static String text(Fields f, ObjectNode o, String p, String name, int maxLength) {
        JsonNode v = o.get(name);
        String field = p + "." + name;
        if (v == null || v.isNull()) {
            f.error(field, "'" + field + "' is required.");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > maxLength) {
            f.error(field, "'" + field + "' must be a non-blank string of at most " + maxLength + " characters.");
            return null;
        }
        return v.textValue().strip();
    }

    private static boolean unknownFields(Fields f, String p, ObjectNode o, Set<String> allowed) {
        boolean ok = true;
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                f.error(p + "." + name, "Unknown field '" + p + "." + name + "'.");
                ok = false;
            }
        }
        return ok;
    }

    private static byte[] bytes(JsonNode secret) {
        return Json.write(secret).getBytes(StandardCharsets.UTF_8);
    }
}
