package dev.contactcenter.testpush;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.mobileapps.PushSecrets;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends through APNs with pushy. One client per credential (fingerprint) and host, kept while the
 * execution environment lives: it holds the HTTP/2 connection and, for .p8 keys, the signed token,
 * which pushy reuses until it is due for renewal. All clients share one event-loop thread.
 */
final class ApnsSender {
    /** Clients kept; an admin testing many apps in a row closes the least recently used. */
    private static final int MAX_CLIENTS = 8;

    private final PushEndpoints endpoints;
    private final EventLoopGroup events = new NioEventLoopGroup(1, new DefaultThreadFactory("apns", true));
    private final Map<String, ApnsClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ApnsClient> eldest) {
            if (size() > MAX_CLIENTS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    ApnsSender(PushEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    PushResult send(PushSecrets.Apns credential, String bundleId, DeviceToken token, Notification notification) {
        String host = endpoints.apnsHost(credential.credential().environment());
        String payload = new SimpleApnsPayloadBuilder()
                .setAlertTitle(notification.title())
                .setAlertBody(notification.body())
                .setSound("default")
                .build();
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(
                token.value(),
                bundleId,
                payload,
                Instant.now().plus(Duration.ofHours(1)),
                DeliveryPriority.IMMEDIATE,
                PushType.ALERT);
        PushNotificationResponse<SimpleApnsPushNotification> response;
        try {
            response = client(credential, host)
                    .sendNotification(push)
                    .get(endpoints.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(host, "no answer within " + endpoints.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unreachable(host, describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(host, "interrupted");
        }
        String apnsId =
                response.getApnsId() == null ? null : response.getApnsId().toString();
        return response.isAccepted()
                ? PushResult.delivered(PushResult.APNS, response.getStatusCode(), apnsId)
                : PushResult.refused(
                        PushResult.APNS,
                        response.getStatusCode(),
                        apnsId,
                        response.getRejectionReason().orElse("Unknown"));
    }

    private synchronized ApnsClient client(PushSecrets.Apns credential, String host) {
        String key = credential.credential().fingerprint() + "@" + host + ":" + endpoints.apnsPort();
        ApnsClient client = clients.get(key);
        if (client == null) {
            client = build(credential, host);
            clients.put(key, client);
        }
        return client;
    }

    private ApnsClient build(PushSecrets.Apns credential, String host) {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(host, endpoints.apnsPort())
                .setEventLoopGroup(events)
                .setConcurrentConnections(1)
                .setConnectionTimeout(endpoints.timeout());
        if (endpoints.apnsTrustedCa() != null) {
            builder.setTrustedServerCertificateChain(endpoints.apnsTrustedCa());
        }
        try {
            if (credential.tokenBased()) {
                builder.setSigningKey(new ApnsSigningKey(
                        credential.credential().keyId(), credential.credential().teamId(), (ECPrivateKey)
                                credential.key()));
            } else {
                builder.setClientCredentials(credential.certificate(), credential.key(), null);
            }
            return builder.build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("APNs client cannot be built from the stored credential", e);
        }
    }

    private ApiException unreachable(String host, String cause) {
        return new ApiException(
                        502,
                        "Bad Gateway",
                        "APNs at " + host + ":" + endpoints.apnsPort() + " could not be reached: " + cause + ".")
                .with("provider", PushResult.APNS);
    }

    /** The innermost cause in a few words (connection refused, handshake failure, ...), never key material. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
