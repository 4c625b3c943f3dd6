package dev.contactcenter.testpush;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.mobileapps.MobileAppMapper;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * FCM access tokens shared by every instance of the function, one item per mobile app beside the app:
 * <pre>
 * PK TENANT#{t}#MOBILEAPPS  SK FCMTOKEN#{app id, 16 digits}
 *    type fcm_token, fingerprint (of the service-account key that got it), sealed (the token),
 *    grant_id (random, names this grant), renew_at (epoch s), expires_at (epoch s, the table's TTL)
 * </pre>
 * Why: without it every new instance signs its own RS256 assertion (under C1 a third of a cold test
 * push's first request) and asks Google for a token, while one granted token serves every instance
 * for an hour. The token is sealed like the credentials, under a context that names the tenant, the
 * app and the key's fingerprint, so it opens only for the account that got it. A GetItem (0.5 RCU)
 * and a KMS Decrypt replace the grant; a grant adds one PutItem (1 WCU) and one GenerateDataKey.
 * An item outlives its app by an hour at most: DynamoDB's TTL removes it after expires_at.
 */
final class SharedFcmTokens {
    static final String ITEM_TYPE = "fcm_token";
    private static final String SK_PREFIX = "FCMTOKEN#";
    private static final String RENEW_AT = "renew_at";
    private static final String GRANT_ID = "grant_id";

    /** A token some instance was granted, which grant it was, and when any instance should stop using it. */
    record Token(String accessToken, String grantId, Instant renewAt) {
        static Token granted(String accessToken, Instant renewAt) {
            return new Token(accessToken, UUID.randomUUID().toString(), renewAt);
        }
    }

    private final Backend backend;
    private final Envelope envelope;
    private final PrintStream log;

    SharedFcmTokens(Backend backend, KeyWrapper keys, PrintStream log) {
        this.backend = backend;
        this.envelope = new Envelope(keys);
        this.log = log;
    }

    /** The shared token of the app's account, unless there is none, it came from another key, or it is due for renewal. */
    Optional<Token> read(FcmAccount account) {
        GetItemResponse r;
        try {
            r = backend.dynamo().getItem(b -> b.tableName(backend.table()).key(key(account)));
        } catch (SdkException e) {
            unavailable(account, "read", e);
            return Optional.empty();
        }
        Map<String, AttributeValue> item = r.hasItem() ? r.item() : Map.of();
        if (item.isEmpty()
                || !account.credential().fingerprint().equals(Attr.string(item, "fingerprint"))
                || !item.containsKey("sealed")) {
            return Optional.empty();
        }
        Instant renewAt = Instant.ofEpochSecond(Attr.number(item, RENEW_AT, 0));
        if (!backend.clock().instant().isBefore(renewAt)) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = envelope.open(MobileAppMapper.sealed(item.get("sealed").m()), context(account));
        } catch (IllegalStateException doesNotOpen) {
            // altered, or sealed under another context: only a cache, so the push grants anew and overwrites it
            return Optional.empty();
        }
        return Optional.of(new Token(new String(token, StandardCharsets.UTF_8), Attr.string(item, GRANT_ID), renewAt));
    }

    /**
     * Shares a newly granted token; the last instance to be granted one wins, and every stored token is valid. A
     * failure (KMS or DynamoDB refusing, say a missing permission) is logged, and the push goes on with its token.
     */
    void share(FcmAccount account, Token token, Instant expiresAt) {
        try {
            Map<String, AttributeValue> item = new HashMap<>(key(account));
            item.put("type", Attr.s(ITEM_TYPE));
            item.put("fingerprint", Attr.s(account.credential().fingerprint()));
            item.put(
                    "sealed",
                    MobileAppMapper.sealed(
                            envelope.seal(token.accessToken().getBytes(StandardCharsets.UTF_8), context(account))));
            item.put(GRANT_ID, Attr.s(token.grantId()));
            item.put(RENEW_AT, Attr.n(token.renewAt().getEpochSecond()));
            item.put(TableDesign.EXPIRES_AT, Attr.n(expiresAt.getEpochSecond()));
            backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item));
        } catch (SdkException | IllegalStateException e) {
            unavailable(account, "share", e);
        }
    }

    /** FCM refused the token before its time: removed, unless another instance has shared a newer one since. */
    void forget(FcmAccount account, Token refused) {
        try {
            backend.dynamo()
                    .deleteItem(b -> b.tableName(backend.table())
                            .key(key(account))
                            .conditionExpression(GRANT_ID + " = :grant")
                            .expressionAttributeValues(Map.of(":grant", Attr.s(refused.grantId()))));
        } catch (ConditionalCheckFailedException newerOrGone) {
            // nothing to remove: the item holds another token already, or none
        } catch (SdkException e) {
            unavailable(account, "forget", e);
        }
    }

    /** The item is only a cache: a push never fails for it, but ops should learn that instances stopped sharing. */
    private void unavailable(FcmAccount account, String step, RuntimeException e) {
        log.println(Json.write(Json.object()
                .put("event", "fcm_token_cache_unavailable")
                .put("tenant", account.tenantId())
                .put("mobile_app_id", account.appId())
                .put("step", step)
                .put("error", e.getClass().getSimpleName())));
    }

    private static Map<String, AttributeValue> key(FcmAccount account) {
        return Map.of(
                TableDesign.PK, Attr.s(MobileAppStore.pk(account.tenantId())),
                TableDesign.SK, Attr.s(SK_PREFIX + TableDesign.paddedId(account.appId())));
    }

    private static Map<String, String> context(FcmAccount account) {
        Map<String, String> context =
                new HashMap<>(MobileAppService.sealContext(account.tenantId(), account.appId(), ITEM_TYPE));
        context.put("fingerprint", account.credential().fingerprint());
        return context;
    }
}
