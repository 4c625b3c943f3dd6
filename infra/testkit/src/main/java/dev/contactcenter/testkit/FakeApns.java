package dev.contactcenter.testkit;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * APNs on localhost: pushy's MockApnsServer over TLS with a certificate from the test CA. It accepts
 * every notification unless a rejection was set for its device token, and records what it received
 * (headers, how the client authenticated, payload) so tests can assert what was sent.
 */
public final class FakeApns implements AutoCloseable {
    /** A notification as the server saw it; {@code clientCertificate} is the TLS client's subject, if any. */
    public record Received(
            String deviceToken,
            String topic,
            String pushType,
            String authority,
            String authorization,
            String clientCertificate,
            String payload) {}

    private final MockApnsServer server;
    private final int port;
    private final Map<String, RejectionReason> rejections = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeApns(int port) throws Exception {
        TestCertificates.Issued tls = TestCertificates.localhostServer();
        this.server = new MockApnsServerBuilder()
                .setServerCredentials(
                        new X509Certificate[] {tls.certificate()}, tls.keys().getPrivate(), null)
                // push certificates from the test CA are accepted as TLS client certificates (optional)
                .setTrustedClientCertificateChain(
                        new ByteArrayInputStream(TestCertificates.ca().pem().getBytes(StandardCharsets.US_ASCII)))
                .setHandlerFactory(this::handler)
                .build();
        this.port = server.start(port).get();
    }

    /** Starts on a free port (0) or the given one. */
    public static FakeApns start(int port) {
        try {
            return new FakeApns(port);
        } catch (Exception e) {
            throw new IllegalStateException("Mock APNs server did not start", e);
        }
    }

    public int port() {
        return port;
    }

    /** The CA the client must trust to talk to this server (APNS_TRUSTED_CA). */
    public static String caPem() throws Exception {
        return TestCertificates.ca().pem();
    }

    /** Notifications to this device token are refused with that reason. */
    public void reject(String deviceToken, RejectionReason reason) {
        rejections.put(deviceToken, reason);
    }

    public List<Received> received() {
        return received;
    }

    private PushNotificationHandler handler(SSLSession session) {
        String clientCertificate = clientSubject(session);
        return (Http2Headers headers, io.netty.buffer.ByteBuf payload) -> {
            String path = String.valueOf(headers.path());
            String token = path.substring(path.lastIndexOf('/') + 1);
            received.add(new Received(
                    token,
                    str(headers.get("apns-topic")),
                    str(headers.get("apns-push-type")),
                    str(headers.authority()),
                    str(headers.get("authorization")),
                    clientCertificate,
                    payload.toString(StandardCharsets.UTF_8)));
            RejectionReason reason = rejections.get(token);
            if (reason != null) {
                throw new RejectedNotificationException(reason);
            }
        };
    }

    private static String clientSubject(SSLSession session) {
        try {
            return ((X509Certificate) session.getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static String str(CharSequence value) {
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
        server.shutdown().join();
    }
}
