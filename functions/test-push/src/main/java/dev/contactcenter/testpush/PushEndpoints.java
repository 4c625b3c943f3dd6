package dev.contactcenter.testpush;

import dev.contactcenter.core.aws.LambdaEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Where the push providers are and how long to wait for them. The real hosts unless the environment
 * (template.yaml) or, in the local runtime and tests, system properties point elsewhere.
 *
 * @param apnsTrustedCa CA certificates to trust for APNs instead of the JDK's (a mock server's); null: the JDK's
 * @param timeout       the whole budget for one test push: connecting, token grant and send
 */
public record PushEndpoints(
        String apnsProductionHost,
        String apnsSandboxHost,
        int apnsPort,
        X509Certificate[] apnsTrustedCa,
        URI fcmTokenUri,
        URI fcmBaseUrl,
        Duration timeout) {

    public static PushEndpoints fromEnvironment() {
        String trusted = LambdaEnvironment.setting("APNS_TRUSTED_CA", "apns.trusted.ca", null);
        return new PushEndpoints(
                LambdaEnvironment.setting("APNS_PRODUCTION_HOST", "apns.production.host", "api.push.apple.com"),
                LambdaEnvironment.setting("APNS_SANDBOX_HOST", "apns.sandbox.host", "api.sandbox.push.apple.com"),
                Integer.parseInt(LambdaEnvironment.setting("APNS_PORT", "apns.port", "443")),
                trusted == null ? null : certificates(trusted),
                URI.create(LambdaEnvironment.setting(
                        "FCM_TOKEN_URI", "fcm.token.uri", "https://oauth2.googleapis.com/token")),
                URI.create(LambdaEnvironment.setting("FCM_BASE_URL", "fcm.base.url", "https://fcm.googleapis.com")),
                Duration.ofMillis(
                        Long.parseLong(LambdaEnvironment.setting("PUSH_TIMEOUT_MS", "push.timeout.ms", "4000"))));
    }

    /** The APNs host for the app's environment ("sandbox" or "production"). */
    public String apnsHost(String environment) {
        return "sandbox".equals(environment) ? apnsSandboxHost : apnsProductionHost;
    }

    /** PEM text, or the path of a PEM file. */
    private static X509Certificate[] certificates(String pemOrPath) {
        try {
            String pem = pemOrPath.contains("-----BEGIN") ? pemOrPath : Files.readString(Path.of(pemOrPath));
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(X509Certificate[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("APNS_TRUSTED_CA cannot be read", e);
        } catch (CertificateException e) {
            throw new IllegalStateException("APNS_TRUSTED_CA holds no PEM certificate", e);
        }
    }
}
